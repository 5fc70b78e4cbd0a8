// French strings of the language chosen on one's account (see en-account-language.ts).
import type {
  accountLanguage as english,
  pagination as englishPagination,
  pattern as englishPattern,
} from "./en-account-language.ts";
import type { Translation } from "./translation.ts";

export const accountLanguage: Translation<typeof english, "fr"> = {
  title: "Langue",
  help: "Après votre connexion, Bulwark affiche son interface dans cette langue et l'utilise pour ses messages, ses courriels et ses PDF.",
  label: "Langue de votre compte",
  none: "Non choisie (suivre ce navigateur)",
  saved: "Langue enregistrée.",
};

/** Names of a list's page controls (the arrows have no text of their own). */
export const pagination: Translation<typeof englishPagination, "fr"> = {
  previous: "Page précédente",
  next: "Page suivante",
  first: "Première page",
  last: "Dernière page",
  page: "Page {{page}}",
};

/** A label and its value, punctuated as the language does (« : » in French, full-width in Chinese). */
export const pattern: Translation<typeof englishPattern, "fr"> = {
  labelValue: "{{label}} : {{value}}",
  labelLink: "{{label}} : <0>{{value}}</0>",
};
