// Arabic strings of the language chosen on one's account (see en-account-language.ts).
import type {
  accountLanguage as english,
  pagination as englishPagination,
  pattern as englishPattern,
} from "./en-account-language.ts";
import type { Translation } from "./translation.ts";

export const accountLanguage: Translation<typeof english, "ar"> = {
  title: "اللغة",
  help: "بعد تسجيل الدخول، يعرض Bulwark واجهته بهذه اللغة ويستخدمها في رسائله ورسائل البريد الإلكتروني وملفات PDF.",
  label: "لغة حسابك",
  none: "لم تُختر (اتباع هذا المتصفح)",
  saved: "تم حفظ اللغة.",
};

/** Names of a list's page controls (the arrows have no text of their own). */
export const pagination: Translation<typeof englishPagination, "ar"> = {
  previous: "الصفحة السابقة",
  next: "الصفحة التالية",
  first: "الصفحة الأولى",
  last: "الصفحة الأخيرة",
  page: "الصفحة {{page}}",
};

/** A label and its value, punctuated as the language does (« : » in French, full-width in Chinese). */
export const pattern: Translation<typeof englishPattern, "ar"> = {
  labelValue: "{{label}}: {{value}}",
  labelLink: "{{label}}: <0>{{value}}</0>",
};
