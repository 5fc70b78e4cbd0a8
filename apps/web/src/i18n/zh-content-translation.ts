// Chinese: the note under content Bulwark translated (see en-content-translation.ts).
export const contentTranslation = {
  notice: "Bulwark 自行翻译；以英文文本为准。",
};
