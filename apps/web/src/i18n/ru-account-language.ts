// Russian strings of the language chosen on one's account (see en-account-language.ts).
import type {
  accountLanguage as english,
  pagination as englishPagination,
  pattern as englishPattern,
} from "./en-account-language.ts";
import type { Translation } from "./translation.ts";

export const accountLanguage: Translation<typeof english, "ru"> = {
  title: "Язык",
  help: "После входа Bulwark показывает интерфейс на этом языке и использует его в своих сообщениях, электронных письмах и PDF.",
  label: "Язык вашей учётной записи",
  none: "Не выбран (как в этом браузере)",
  saved: "Язык сохранён.",
};

/** Names of a list's page controls (the arrows have no text of their own). */
export const pagination: Translation<typeof englishPagination, "ru"> = {
  previous: "Предыдущая страница",
  next: "Следующая страница",
  first: "Первая страница",
  last: "Последняя страница",
  page: "Страница {{page}}",
};

/** A label and its value, punctuated as the language does (« : » in French, full-width in Chinese). */
export const pattern: Translation<typeof englishPattern, "ru"> = {
  labelValue: "{{label}}: {{value}}",
  labelLink: "{{label}}: <0>{{value}}</0>",
};
