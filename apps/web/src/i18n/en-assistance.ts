// English strings of technical assistance: needs, offers, matches and engagements. en.ts includes
// them under `assistance`.
import type {
  AssistanceModality,
  EngagementStatus,
  MatchCriterion,
  NeedStatus,
  NeedUrgency,
  OfferStatus,
} from "@bulwark/core";

const modalities = {
  training: "Training",
  workshop: "Workshop",
  "expert-mission": "Expert mission",
  equipment: "Equipment",
  "legislative-drafting": "Legislative drafting",
  "exercise-support": "Exercise support",
} satisfies Record<AssistanceModality, string>;

const urgencies = {
  low: "Low urgency",
  medium: "Medium urgency",
  high: "High urgency",
} satisfies Record<NeedUrgency, string>;

const needStatuses = {
  open: "Open",
  engaged: "Engaged",
  closed: "Closed",
} satisfies Record<NeedStatus, string>;

const offerStatuses = {
  open: "Open",
  closed: "Closed",
} satisfies Record<OfferStatus, string>;

const engagementStatuses = {
  proposed: "Proposed",
  active: "Under way",
  completed: "Completed",
  declined: "Declined",
  withdrawn: "Withdrawn",
} satisfies Record<EngagementStatus, string>;

/** The button that moves an engagement to each status. */
const moves = {
  proposed: "Propose",
  active: "Accept",
  completed: "Mark completed",
  declined: "Decline",
  withdrawn: "Withdraw",
} satisfies Record<EngagementStatus, string>;

const criteria = {
  theme: "Theme",
  modality: "Modality",
  region: "Region",
  language: "Language",
  timing: "Timing",
} satisfies Record<MatchCriterion, string>;

export const assistance = {
  nav: "Technical assistance",
  title: "Technical assistance",
  subtitle:
    "Match what states need with who can help: needs drawn from self-assessment gaps, offers of providers, and engagements followed to results.",
  requestAssistance: "Request assistance",
  newNeed: "New need",
  newOffer: "New offer",
  needs: "Needs",
  offers: "Offers",
  engagements: "Engagements",
  noNeeds: "No need you may see.",
  noOffers: "No offer you may see.",
  noEngagements: "Your organisation is party to no engagement.",
  back: "Technical assistance",
  needOf: "Need of {{organisation}}",
  offeredBy: "Offered by {{organisation}}",
  window: "Available {{from}} – {{until}}",
  openEnded: "open-ended",
  capacity: "Capacity: {{active}} under way of {{capacity}}",
  capacityUnlimited: "Capacity: not limited",
  fields: {
    title: "Title",
    description: "What is needed",
    offerDescription: "What is offered",
    theme: "Theme",
    themes: "Themes",
    sectors: "Sectors",
    section: "Section of resolution 2341",
    noSection: "No particular section",
    urgency: "Urgency",
    languages: "Languages",
    anyLanguage: "Any language",
    modality: "Modality",
    modalities: "Modalities",
    regions: "Regions",
    neededBy: "Needed by",
    capacity: "Engagements at once",
    capacityHint: "Leave empty for no limit.",
    availableFrom: "Available from",
    availableUntil: "Available until",
    marking: "Who sees it",
    organisations: "Providers that see it",
    communities: "Communities that see it",
    status: "Status",
  },
  form: {
    needTitle: "Request assistance",
    needSubtitle: "Say what your state needs and choose which providers see it: they can then offer to help.",
    fromGap: "Drawn from a gap of your self-assessment: edit what you need, then choose the rest.",
    fromAction: "Drawn from a follow-up action: edit what you need, then choose the rest.",
    offerTitle: "Offer assistance",
    offerSubtitle:
      "Publish what your organisation offers: states whose needs match see it in their suggestions.",
    submitNeed: "Record the need",
    submitOffer: "Publish the offer",
    cannotRecord:
      "Needs are recorded by administrators, coordinators and analysts of a state's organisations.",
    cannotOffer:
      "Offers are published by administrators, coordinators and analysts of providers: international organisations, national authorities, academia, sector ISACs and civil society.",
  },
  need: {
    matches: "Suggested offers",
    matchesHelp: "Open offers you may see, best first, each with its reasons.",
    noMatches: "No open offer you may see covers this theme.",
    score: "Match {{score}}/100",
    proposals: "Offers of help",
    noProposals: "No provider has offered help yet.",
    expressInterest: "Express interest",
    interestTitle: "Offer help on this need",
    interestOffer: "Through one of your offers",
    interestNoOffer: "No particular offer",
    message: "Message to the state",
    send: "Send",
    source: "Drawn from a self-assessment gap",
    sourceAction: "Drawn from a follow-up action",
    close: "Close the need",
    reopen: "Reopen the need",
  },
  reasons: {
    met: "met",
    notMet: "not met",
  },
  engagement: {
    title: "Engagement",
    state: "State",
    provider: "Provider",
    offer: "Offer",
    message: "Message",
    started: "Under way since {{date}}",
    ended: "Ended on {{date}}",
    milestones: "Milestones",
    noMilestones: "No milestone yet.",
    milestone: "Milestone",
    due: "Due",
    done: "Done on {{date}}",
    markDone: "Mark done",
    addMilestone: "Add milestone",
    participants: "Participants",
    noParticipants: "No participant named yet.",
    yourPeople: "People of your organisation taking part",
    saveParticipants: "Save participants",
    deliverables: "Deliverables",
    noDeliverables: "No deliverable yet.",
    deliverable: "Deliverable",
    delivered: "Delivered on {{date}}",
    pending: "Not delivered yet",
    markDelivered: "Mark delivered",
    addDeliverable: "Add deliverable",
    outcome: "Change in the self-assessment",
    outcomeHelp: "The state's two runs compared section by section: before the engagement and after it.",
    baseline: "Run before",
    followUp: "Run after",
    consent: "Let the provider see the change between the two runs",
    saveOutcome: "Save",
    noOutcome: "Choose the two runs to compare.",
    noOutcomeProvider: "The state has not shared the change in its self-assessment.",
    section: "Section",
    before: "Before",
    after: "After",
    change: "Change",
    overall: "Overall",
    moved: "The engagement is now: {{status}}",
  },
  modalities,
  urgencies,
  needStatuses,
  offerStatuses,
  engagementStatuses,
  moves,
  criteria,
};
