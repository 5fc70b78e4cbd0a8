// English strings of sharing under TLP 2.0: the feed, composing, an item's page with its banner
// and acknowledgements, and the approvals queue. en.ts includes them under `sharing`.
import type {
  AcknowledgementState,
  CapCategory,
  CapCertainty,
  CapSeverity,
  CapUrgency,
  SharedItemStatus,
  SharedItemType,
  TlpMarking,
} from "@bulwark/core";

const types = {
  alert: "Alert",
  report: "Report",
  "incident-notice": "Incident notice",
  indicator: "Indicator",
} satisfies Record<SharedItemType, string>;

const statuses = {
  draft: "Draft",
  "awaiting-approval": "Awaiting approval",
  published: "Published",
  withdrawn: "Withdrawn",
} satisfies Record<SharedItemStatus, string>;

const acknowledgements = {
  received: "Received",
  acted: "Acted on",
} satisfies Record<AcknowledgementState, string>;

/** The TLP 2.0 rule of each marking for whoever composes (FIRST, 2022). */
const rules = {
  clear: "Everyone signed in sees it; recipients may share it freely.",
  green:
    "Every organisation of the communities you choose sees it; they may share it within their communities, never publicly.",
  amber:
    "The organisations you choose (and those of the communities you choose) see it, need-to-know; they may tell their clients, nobody else.",
  "amber+strict":
    "The organisations you choose see it, need-to-know, and keep it inside their own organisation. Recipients do not see each other unless you allow it.",
  red: "Only the people you name see it; they may not pass it on. Recipients do not see each other unless you allow it.",
} satisfies Record<TlpMarking, string>;

/** The codes of a CAP 1.2 warning (OASIS CAP 1.2, 3.2.2), as the author picks them and readers see them. */
const capCategories = {
  Geo: "Geophysical",
  Met: "Meteorological",
  Safety: "General emergency and public safety",
  Security: "Law enforcement, military and security",
  Rescue: "Rescue and recovery",
  Fire: "Fire suppression and rescue",
  Health: "Medical and public health",
  Env: "Pollution and environment",
  Transport: "Public and private transport",
  Infra: "Utilities, telecommunications and other infrastructure",
  CBRNE: "Chemical, biological, radiological, nuclear or explosive",
  Other: "Other events",
} satisfies Record<CapCategory, string>;

const capUrgencies = {
  Immediate: "Immediate",
  Expected: "Expected (within the hour)",
  Future: "Future",
  Past: "Past (no action needed)",
  Unknown: "Unknown",
} satisfies Record<CapUrgency, string>;

const capSeverities = {
  Extreme: "Extreme",
  Severe: "Severe",
  Moderate: "Moderate",
  Minor: "Minor",
  Unknown: "Unknown",
} satisfies Record<CapSeverity, string>;

const capCertainties = {
  Observed: "Observed",
  Likely: "Likely",
  Possible: "Possible",
  Unlikely: "Unlikely",
  Unknown: "Unknown",
} satisfies Record<CapCertainty, string>;

export const sharing = {
  title: "Sharing",
  subtitle: "Alerts, reports, incident notices and indicators shared with you under TLP 2.0.",
  compose: "Compose",
  approvals: "Approvals",
  types,
  statuses,
  acknowledgements,
  rules,
  stix: {
    item: "Download STIX 2.1",
    feed: "Export STIX",
    registry: "Export STIX",
  },
  feed: {
    search: "Search titles and text",
    allTypes: "All types",
    allSectors: "All sectors",
    unreadOnly: "Unread only",
    sent: "From my organisation",
    empty:
      "Nothing shared with you matches. Items addressed to you, your organisation or your communities appear here.",
    new: "New",
    columnTitle: "Title",
    columnType: "Type",
    columnFrom: "From",
    columnPublished: "Published",
    columnAck: "Your acknowledgement",
    unread: "{{count}} unread",
  },
  approvalsPage: {
    title: "Approvals",
    subtitle: "Items of your organisation awaiting a second person (four eyes). You cannot approve your own.",
    empty: "Nothing is waiting for approval.",
    fourEyes: "Four eyes for AMBER, AMBER+STRICT and RED",
    fourEyesHint:
      "Such items of your organisation go out only after a second person (a coordinator or administrator) approves them. Your organisation's administrators change this.",
    drafts: "Drafts",
    decision: "Decision",
    approveTitle: "Approve “{{title}}”",
    approved: "Approved and sent: “{{title}}”.",
    notYours: "A second person of your organisation approves it.",
  },
  composePage: {
    title: "Compose",
    subtitle: "Write the item, choose its marking and audience, and check who will see it before sending.",
    type: "Type",
    itemTitle: "Title",
    body: "Text (Markdown)",
    sectors: "Sectors",
    assets: "Assets concerned",
    marking: "Marking",
    widest: "You may use {{marking}} or any stricter marking.",
    communities: "Communities",
    organisations: "Organisations",
    people: "Named people",
    reveal: "Let recipients see each other's names",
    saveDraft: "Save draft",
    send: "Send",
    preview: "Who will see it",
    everyone: "Everyone signed in.",
    reach: "{{organisations}} organisations, {{people}} people",
    nobody: "Choose an audience.",
    bodyHint:
      "E-mail addresses and phone numbers are found automatically; mark other personal data (names, ID numbers, plates) as [[pii:...]]. Readers outside your organisation see pseudonyms.",
    personalDataRoles: "Roles outside your organisation that may read personal data as written",
    fourEyes: "Your organisation asks for four eyes: this item goes out once a second person approves it.",
    pattern: "STIX pattern",
    patternHint:
      "Optional. A STIX 2.1 pattern, like [ipv4-addr:value = '198.51.100.1/32']: with one, the STIX export carries this indicator as a STIX indicator. It travels as written (not pseudonymised).",
  },
  warning: {
    title: "Warning (CAP 1.2)",
    hint: "How the alert reads as a Common Alerting Protocol warning. A TLP:CLEAR alert is published to anyone in the public CAP feed.",
    categories: "Categories",
    event: "Event",
    eventHint: "The kind of event in a few words; the title is used when left empty.",
    urgency: "Urgency",
    severity: "Severity",
    certainty: "Certainty",
    instruction: "Instruction to recipients",
    expires: "Expires",
    area: "Area in words",
    areaLabel: "Area",
    areaDefault: "Sites of the assets concerned",
    fromAssets: "A circle around each asset concerned",
    fromAssetsHint:
      "Only assets marked at least as widely as the alert: an AMBER asset never appears in a CLEAR alert's area.",
    radius: "Radius (km)",
    polygon: "Polygon",
    polygonHint:
      "Corners as latitude,longitude separated by spaces, e.g. -22.95,-18.52 -22.95,-18.34 -23.07,-18.34",
    polygonInvalid: "Write at least three corners as latitude,longitude.",
    cap: "CAP 1.2",
    capMessages_one: "{{count}} CAP message sent",
    capMessages_other: "{{count}} CAP messages sent",
    capWithheld_one: "{{count}} asset left out of the CAP area (marked narrower than the alert).",
    capWithheld_other: "{{count}} assets left out of the CAP area (marked narrower than the alert).",
    feed: "Public alert feed (Atom)",
    revise: "Revise warning",
    sendUpdate: "Send CAP update",
    capCategories,
    capUrgencies,
    capSeverities,
    capCertainties,
  },
  attachments: {
    title: "Files",
    pick: "Attach files",
    limits:
      "PDF, images, text, CSV, JSON or STIX, ZIP and office documents, up to {{size}} each. Mark a file personal if it holds personal data: only your organisation (and the roles you allow) may download it, and it is removed when retention runs out.",
    personal: "Personal data",
    tooBig: "Too large (at most {{size}} each): {{names}}",
    add: "Upload",
    remove: "Remove {{name}}",
    purged: "Removed on {{date}} (retention ran out)",
    withheld: "Holds personal data: not downloadable for you.",
    unfinished: "The draft was saved but not all files went up: open it to attach them again.",
  },
  item: {
    pattern: "STIX pattern",
    notFound: "No item with this address is visible to you.",
    from: "From {{organisation}} ({{author}})",
    approvedBy: "Approved by {{name}}",
    audience: "Audience",
    hidden: "{{count}} more recipients are not named to you (confidential audience).",
    reshared: "reshared",
    acknowledge: "Acknowledge",
    received: "Mark received",
    acted: "Mark acted on",
    yourAck: "You acknowledged: {{state}}",
    submit: "Send",
    approve: "Approve and publish",
    withdraw: "Withdraw",
    withdrawn: "This item was withdrawn by its sender.",
    awaiting: "Awaiting approval by a second person of {{organisation}}.",
    draft: "Draft: only you and your organisation's approvers see it.",
    reshare: "Reshare",
    reshareHint: "Forward to more communities or organisations. The marking stays as it is.",
    acknowledgementsTitle: "Acknowledgements",
    summary: "{{received}} received · {{acted}} acted on · {{pending}} not yet, of {{recipients}}",
    person: "Person",
    organisation: "Organisation",
    state: "State",
    at: "When",
    notYet: "Not yet",
    hiddenPeople: "{{count}} more people are counted but not named to you.",
    assets: "Assets concerned",
    assetsHidden: "{{count}} more assets that the registry does not show you.",
    personalPseudonymised: "{{count}} personal values are shown as pseudonyms.",
    personalAsWritten:
      "{{count}} personal values are shown as written; this view is recorded in the audit trail.",
    personalPurged: "Personal data was removed on {{date}} (retention ran out).",
  },
};
