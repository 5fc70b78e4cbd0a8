// Russian: the note under content Bulwark translated (see en-content-translation.ts).
export const contentTranslation = {
  notice: "Перевод Bulwark; эталоном служит английский текст.",
};
