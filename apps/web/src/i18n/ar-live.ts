// Arabic strings of live updates (see en-live.ts).
import type { live as english } from "./en-live.ts";
import type { Translation } from "./translation.ts";

export const live: Translation<typeof english, "ar"> = {
  connecting: "جارٍ الاتصال…",
  live: "مباشر",
  reconnecting: "جارٍ إعادة الاتصال…",
  liveHint: "تظهر هنا العناصر الجديدة والمعدَّلة فور مشاركتها معك.",
  reconnectingHint: "انقطعت التحديثات المباشرة؛ ستُحدَّث القائمة تلقائيًا عند استئنافها.",
};
