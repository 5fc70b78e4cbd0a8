// Arabic strings of the page that shows what a community's STIX collection holds; ar.ts includes
// them under `stixCollections`.
import type { stixCollections as englishStixCollections } from "./en-stix-collections.ts";
import type { Translation } from "./translation.ts";
export const stixCollections: Translation<typeof englishStixCollections, "ar"> = {
  title: "مجموعات STIX",
  subtitle: "محتوى مجموعات مجتمعاتك: أحدث إصدار يمكنك رؤيته من كل كائن، بدءًا بالأحدث.",
  action: "المجموعات",
  collection: "المجموعة",
  noCollection: "لا تنتمي منظمتك إلى أي مجتمع، فلا توجد مجموعة للاطلاع عليها.",
  search: "البحث في الأسماء",
  type: "نوع الكائن",
  allTypes: "جميع الأنواع",
  tlp: "الوسم",
  allTlp: "جميع الوسوم",
  empty:
    "لا تحتوي هذه المجموعة بعد على شيء يمكنك رؤيته. تصل الكائنات عبر استيراد STIX، ومن عملاء TAXII الذين يضيفون إليها، ومن اشتراكات TAXII، ومن عناصر Bulwark (CLEAR وGREEN وAMBER) المرسَلة إلى المجتمع.",
  noMatch: "لا يوجد كائن يطابق عوامل التصفية هذه.",
  columnType: "النوع",
  columnName: "الاسم",
  columnTlp: "TLP",
  columnSource: "المصدر",
  columnAdded: "تاريخ الإضافة",
  revoked: "مُبطَل",
  sources: {
    import: "استيراد STIX",
    taxii: "عميل TAXII",
    subscription: "اشتراك TAXII",
    bulwark: "عنصر Bulwark",
  },
  versionAdded: "الإصدار {{version}}، أُضيف في {{added}} ({{source}}).",
  openItem: "فتح العنصر المتبادَل",
  json: "STIX JSON",
  viewCollection: "عرض المجموعة",
};
