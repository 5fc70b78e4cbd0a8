// Spanish strings of the language chosen on one's account (see en-account-language.ts).
import type {
  accountLanguage as english,
  pagination as englishPagination,
  pattern as englishPattern,
} from "./en-account-language.ts";
import type { Translation } from "./translation.ts";

export const accountLanguage: Translation<typeof english, "es"> = {
  title: "Idioma",
  help: "Después de iniciar sesión, Bulwark muestra su interfaz en este idioma y lo usa para sus mensajes, correos electrónicos y PDF.",
  label: "Idioma de su cuenta",
  none: "Sin elegir (seguir este navegador)",
  saved: "Idioma guardado.",
};

/** Names of a list's page controls (the arrows have no text of their own). */
export const pagination: Translation<typeof englishPagination, "es"> = {
  previous: "Página anterior",
  next: "Página siguiente",
  first: "Primera página",
  last: "Última página",
  page: "Página {{page}}",
};

/** A label and its value, punctuated as the language does (« : » in French, full-width in Chinese). */
export const pattern: Translation<typeof englishPattern, "es"> = {
  labelValue: "{{label}}: {{value}}",
  labelLink: "{{label}}: <0>{{value}}</0>",
};
