// Spanish: the note under content Bulwark translated (see en-content-translation.ts).
export const contentTranslation = {
  notice: "Traducción de Bulwark; el texto inglés es el de referencia.",
};
