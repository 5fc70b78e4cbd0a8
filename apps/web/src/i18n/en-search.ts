// English strings of search everything (the Ctrl+K palette) and of the glossary drawer. en.ts
// includes them under `search`.
export const search = {
  button: "Search",
  title: "Search everything",
  label: "Search assets, items, entries, experts, events, assessments",
  placeholder: "Type at least two characters…",
  shortcut: "Ctrl+K",
  tooShort: "Type at least two characters.",
  searching: "Searching…",
  none: "Nothing you may see matches “{{q}}”.",
  count_one: "{{count}} result",
  count_other: "{{count}} results",
  more_one: "{{count}} more",
  more_other: "{{count}} more",
  hint: "Arrows to move, Enter to open, Escape to close.",
  kinds: {
    asset: "Assets",
    "shared-item": "Shared items",
    "compendium-entry": "Compendium",
    expert: "Experts",
    event: "Events",
    "self-assessment-run": "Self-assessments",
    "risk-assessment": "Risk assessments",
  },
  glossary: {
    open: "Glossary",
    title: "Glossary",
    intro: "Words the pages use, explained. Links marked with a dotted line open the word here.",
    source: "TLP: FIRST, Traffic Light Protocol version 2.0 (2022).",
    terms: {
      tlp: {
        name: "TLP (Traffic Light Protocol)",
        text: "A set of labels, maintained by FIRST (version 2.0 since August 2022), that tells recipients how far they may pass information on. It is not a classification scheme. The labels stay in English in every language.",
      },
      clear: {
        name: "TLP:CLEAR",
        text: "No limit on disclosure: recipients may pass it on to anyone, subject to copyright. It replaced TLP:WHITE.",
      },
      green: {
        name: "TLP:GREEN",
        text: "For the recipients' community: they may share it with peers and partner organisations in their community, but not through publicly accessible channels. In Bulwark: the communities the item is addressed to.",
      },
      amber: {
        name: "TLP:AMBER",
        text: "Limited disclosure: recipients may share it only on a need-to-know basis within their organisation and with its clients, to protect themselves or prevent further harm.",
      },
      amberStrict: {
        name: "TLP:AMBER+STRICT",
        text: "Like TLP:AMBER, but only within the recipient's own organisation: not with its clients.",
      },
      red: {
        name: "TLP:RED",
        text: "For the named recipients only, no further disclosure. In Bulwark: only the people an item is addressed to, and its approver.",
      },
      stix: {
        name: "STIX",
        text: "Structured Threat Information Expression: an OASIS standard (version 2.1) to describe threat information, such as indicators, attack patterns and reports, as JSON objects that other tools can read.",
      },
      taxii: {
        name: "TAXII",
        text: "Trusted Automated Exchange of Intelligence Information: an OASIS standard (version 2.1) for exchanging STIX objects over HTTPS. A TAXII server offers collections; a client pulls objects from them or adds to them.",
      },
      cap: {
        name: "CAP",
        text: "Common Alerting Protocol: an OASIS standard (version 1.2), an XML format for emergency alerts and public warnings, so that one warning can be passed on over many kinds of networks at once. Bulwark exports alerts in it.",
      },
      kOfN: {
        name: "k of n",
        text: "A redundancy rule of a dependency: the asset keeps working while at least k of its n suppliers of a service still run. With 2 of 3, it survives the loss of one supplier but not of two.",
      },
      fourEyes: {
        name: "Four eyes",
        text: "A second person of the organisation must approve an item before it goes out. An organisation can ask for it for AMBER, AMBER+STRICT and RED items; nobody approves their own item.",
      },
      community: {
        name: "Community",
        text: "A group of organisations that share with one another, for example the operators of one sector. TLP:GREEN items and assets reach the organisations that share a community with their owner.",
      },
      appetite: {
        name: "Risk appetite",
        text: "The level of risk an organisation is prepared to accept. An assessment whose score is above it is flagged for treatment.",
      },
    },
  },
};
