// English strings of the home page: what needs the signed-in person now. en.ts includes them
// under `home`.
import type { GettingStartedStep, HomeSection } from "@bulwark/core";

const sections = {
  incidents: {
    title: "Open incidents",
    empty:
      "No open incident concerns you. Incidents filed by your organisation or shared with it appear here.",
    action: "Open incidents",
  },
  "incident-tasks": {
    title: "Incident tasks for you",
    empty: "No incident task is assigned to you or your organisation.",
    action: "Open incidents",
  },
  acknowledge: {
    title: "Shared items to acknowledge",
    empty: "Nothing to acknowledge. Alerts and reports addressed to you or your organisation appear here.",
    action: "Open the shared feed",
  },
  "approve-sharing": {
    title: "Items waiting for your approval",
    empty: "No item of your organisation waits for a second person's approval.",
    action: "Open the approvals queue",
  },
  "review-proposals": {
    title: "Compendium proposals to review",
    empty: "No proposal waits for review.",
    action: "Open the proposals",
  },
  invitations: {
    title: "Community invitations",
    empty: "No invitation waits for your organisation. Ask a community's moderators to invite you.",
    action: "Open communities",
  },
  "actions-overdue": {
    title: "Overdue follow-up actions",
    empty: "No follow-up action is overdue.",
    action: "Open the action tracker",
  },
  "actions-coming": {
    title: "Follow-up actions due soon",
    empty: "No follow-up action falls due in the next two weeks.",
    action: "Open the action tracker",
  },
  "risk-reviews": {
    title: "Risk reviews due",
    empty: "No risk assessment of your organisation is due for review. Assess a risk to start your register.",
    action: "Open the risk register",
  },
  "self-assessment-drafts": {
    title: "Self-assessments in progress",
    empty:
      "No self-assessment is in progress. Start one to measure your organisation against resolution 2341.",
    action: "Open self-assessment",
  },
  questions: {
    title: "Questions in your expertise",
    empty:
      "No open question matches your expertise. Keep your expert profile's sectors and themes up to date to be asked.",
    action: "Open the expert network",
  },
  "verify-organisations": {
    title: "Organisations to verify",
    empty: "Every organisation has been verified.",
    action: "Open organisations",
  },
} satisfies Record<HomeSection, { title: string; empty: string; action: string }>;

const steps = {
  assets: "Add your organisation's assets",
  colleagues: "Invite your colleagues",
  communities: "Join a community",
  "self-assessment": "Submit a first self-assessment",
} satisfies Record<GettingStartedStep, string>;

export const home = {
  needsYou: "What needs you now",
  nothingToDo:
    "Your roles watch rather than act: nothing waits for you here. The audit trail is yours to read.",
  openAudit: "Open the audit trail",
  waiting_one: "{{count}} waiting",
  waiting_other: "{{count}} waiting",
  seeAll_one: "See all {{count}}",
  seeAll_other: "See all {{count}}",
  due: "Due {{date}}",
  overdueSince: "Overdue since {{date}}",
  reportDue: "Next report due {{date}}",
  reportOverdue: "Report overdue since {{date}}",
  figuresTitle: "Key figures of {{name}}",
  assets: "Assets in your register",
  risksAboveAppetite: "Risks above appetite",
  selfAssessmentScore: "Last self-assessment score",
  noSelfAssessment: "None submitted yet",
  gettingStarted: "Getting started",
  gettingStartedIntro: "A few first steps for your organisation. Each one ticks itself once it is done.",
  done: "Done",
  toDo: "To do",
  steps,
  sections,
};
