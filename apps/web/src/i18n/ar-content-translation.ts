// Arabic: the note under content Bulwark translated (see en-content-translation.ts).
export const contentTranslation = {
  notice: "ترجمة Bulwark؛ والنص الإنكليزي هو المرجع.",
};
