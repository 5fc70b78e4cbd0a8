// French: the note under content Bulwark translated (see en-content-translation.ts).
export const contentTranslation = {
  notice: "Traduction de Bulwark ; le texte anglais fait foi.",
};
