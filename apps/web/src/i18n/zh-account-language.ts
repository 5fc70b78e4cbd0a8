// Chinese strings of the language chosen on one's account (see en-account-language.ts).
import type {
  accountLanguage as english,
  pagination as englishPagination,
  pattern as englishPattern,
} from "./en-account-language.ts";
import type { Translation } from "./translation.ts";

export const accountLanguage: Translation<typeof english, "zh"> = {
  title: "语言",
  help: "登录后，Bulwark 将以此语言显示界面，并在消息、电子邮件和 PDF 中使用此语言。",
  label: "您账户的语言",
  none: "未选择（跟随此浏览器）",
  saved: "语言已保存。",
};

/** Names of a list's page controls (the arrows have no text of their own). */
export const pagination: Translation<typeof englishPagination, "zh"> = {
  previous: "上一页",
  next: "下一页",
  first: "第一页",
  last: "最后一页",
  page: "第 {{page}} 页",
};

/** A label and its value, punctuated as the language does (« : » in French, full-width in Chinese). */
export const pattern: Translation<typeof englishPattern, "zh"> = {
  labelValue: "{{label}}：{{value}}",
  labelLink: "{{label}}：<0>{{value}}</0>",
};
