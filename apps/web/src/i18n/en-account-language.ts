// English strings of the language chosen on one's account (account page). en.ts includes them
// under `accountLanguage`.
export const accountLanguage = {
  title: "Language",
  help: "After you sign in, Bulwark shows its interface in this language, and uses it for its messages, e-mails and PDFs.",
  label: "Language of your account",
  none: "Not chosen (follow this browser)",
  saved: "Language saved.",
};

/** Names of a list's page controls (the arrows have no text of their own). */
export const pagination = {
  previous: "Previous page",
  next: "Next page",
  first: "First page",
  last: "Last page",
  page: "Page {{page}}",
};

/** A label and its value, punctuated as the language does (« : » in French, full-width in Chinese). */
export const pattern = {
  labelValue: "{{label}}: {{value}}",
  labelLink: "{{label}}: <0>{{value}}</0>",
};
