// English: the complete set of interface strings. Other languages may leave keys out; i18next
// falls back to these. In the browser the first screen's part comes with the app and the rest with
// the first other page (i18n/index.ts).
import { enFirstScreen } from "./en-first-screen.ts";
import { enLater } from "./en-later.ts";

export const en = { ...enFirstScreen, ...enLater };

export type Messages = typeof en;
