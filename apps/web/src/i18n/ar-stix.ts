// Arabic strings of STIX 2.1 import; ar.ts includes them under `stix`.
import type { stix as englishStix } from "./en-stix.ts";
import type { Translation } from "./translation.ts";
export const stix: Translation<typeof englishStix, "ar"> = {
  title: "استيراد STIX 2.1",
  subtitle:
    "أدخِل حزمة STIX 2.1 (تصدير من MISP أو OpenCTI، أو MITRE ATT&CK…) إلى مجموعة أحد المجتمعات، لتُقدَّم إلى أعضائه عبر TAXII.",
  importAction: "استيراد STIX",
  community: "المجتمع",
  communityHint: "المجتمع الذي تتلقى مجموعته الكائنات. لا تُدرج إلا المجتمعات التي يجوز لك النشر فيها.",
  defaultTlp: "وسم الكائنات غير الموسومة",
  defaultTlpHint:
    "تحتفظ الكائنات بوسم TLP الذي تحمله؛ وينطبق هذا الوسم على الكائنات التي لا وسم لها. لا تُقبل كائنات TLP:RED أبدًا.",
  file: "الحزمة",
  fileHint: "ملف JSON يتضمن حزمة STIX 2.1 واحدة. يجب تحويل STIX 2.0 أولًا.",
  notJson: "هذا الملف ليس بصيغة JSON: اختر ملف الحزمة الذي صدّرته المنصة الأخرى.",
  noCollection: "لا تنتمي منظمتك إلى أي مجتمع يجوز لك النشر فيه، فلا توجد وجهة للاستيراد.",
  run: "استيراد",
  result: "نتيجة الاستيراد",
  counts: {
    total: "الكائنات في الحزمة",
    added: "المضافة",
    duplicates: "الموجودة مسبقًا",
    revoked: "اللاحقة لإبطال",
    refused: "المرفوضة",
  },
  revokedHint: "أُبطلت بعض الكائنات سابقًا: الإبطال نهائي، فلم تُقبل إصداراتها اللاحقة.",
  object: "الكائن",
  reason: "سبب الرفض",
};
