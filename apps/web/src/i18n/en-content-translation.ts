// English: what a page says under content the server sends translated (the frameworks, threat
// scenarios and risk methodology shipped with Bulwark, content/*/i18n). en.ts includes it under
// `contentTranslation`.
export const contentTranslation = {
  notice: "Bulwark's translation; the English text is the reference.",
};
