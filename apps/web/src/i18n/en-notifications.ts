// English strings of notifications: the bell in the header and the settings on the account page.
// en.ts includes them under `notifications`.

export const notifications = {
  bell: "Notifications",
  unread_one: "{{count}} unread notification",
  unread_other: "{{count}} unread notifications",
  markAll: "Mark all read",
  reply: "{{name}} replied in {{title}}",
  answer: "{{name}} answered your question {{title}}",
  someone: "Someone",
  empty:
    "Nothing new. You are told here of items addressed to you, approvals and acknowledgements awaited, follow-up actions and risk reviews due, and replies to you.",
  "item-new": "New for you: {{title}}",
  "approval-request": "Awaits your approval: {{title}}",
  "approval-reminder": "Still awaits your approval: {{title}}",
  "acknowledgement-reminder": "Please acknowledge: {{title}}",
  "action-overdue": "Follow-up action overdue: {{title}}",
  "action-due": "Follow-up action due soon: {{title}}",
  "review-due": "Risk assessment due for review: {{title}}",
  "proposal-review": "Proposal awaits your review: {{title}}",
  invitation: "Your organisation is invited into {{title}}",
  "sitrep-due": "Situation report due soon: {{title}}",
  "sitrep-overdue": "Situation report overdue: {{title}}",
  "task-assigned": "Incident task assigned to you: {{title}}",
  settings: {
    title: "Notifications",
    intro:
      "Choose how you hear of each kind of thing. E-mail never carries anything above TLP:GREEN: for an AMBER or RED item it only says that something awaits you, with a link.",
    noEmail:
      "This installation sends no e-mail: choices by e-mail take effect once an administrator sets up an e-mail server.",
    language: "Language of your e-mails",
    save: "Save",
    saved: "Your notification settings are saved.",
    topics: {
      "shared-items": "Shared items addressed to you or your organisation",
      approvals: "Approval requests",
      acknowledgements: "Acknowledgement reminders",
      actions: "Follow-up actions due and overdue",
      reviews: "Risk reviews due",
      discussions: "Replies and answers",
      incidents: "Incidents: tasks assigned to you, situation reports due",
    },
    deliveries: {
      app: "In the app",
      email: "E-mail at once",
      digest: "Daily e-mail digest",
      off: "Off",
    },
  },
};
