// Arabic strings of notifications (see en-notifications.ts).
import type { notifications as english } from "./en-notifications.ts";
import type { Translation } from "./translation.ts";

export const notifications: Translation<typeof english, "ar"> = {
  bell: "الإشعارات",
  unread_zero: "لا توجد إشعارات غير مقروءة",
  unread_one: "إشعار واحد غير مقروء",
  unread_two: "إشعاران غير مقروءين",
  unread_few: "{{count}} إشعارات غير مقروءة",
  unread_many: "{{count}} إشعارًا غير مقروء",
  unread_other: "{{count}} إشعار غير مقروء",
  markAll: "تعليم الكل كمقروء",
  reply: "ردّ {{name}} في {{title}}",
  answer: "أجاب {{name}} عن سؤالك {{title}}",
  someone: "شخص ما",
  empty:
    "لا جديد. تُبلَّغ هنا بالعناصر الموجهة إليك، والموافقات والإقرارات المنتظرة، وإجراءات المتابعة ومراجعات المخاطر التي حان موعدها، والردود عليك.",
  "item-new": "جديد لك: {{title}}",
  "approval-request": "ينتظر موافقتك: {{title}}",
  "approval-reminder": "لا يزال ينتظر موافقتك: {{title}}",
  "acknowledgement-reminder": "يرجى الإقرار بالاستلام: {{title}}",
  "action-overdue": "إجراء متابعة متأخر: {{title}}",
  "action-due": "إجراء متابعة يحين موعده قريبًا: {{title}}",
  "review-due": "تقييم مخاطر حان موعد مراجعته: {{title}}",
  "proposal-review": "مقترح ينتظر مراجعتك: {{title}}",
  invitation: "منظمتك مدعوة إلى {{title}}",
  "sitrep-due": "تقرير الوضع مستحق قريبًا: {{title}}",
  "sitrep-overdue": "تقرير الوضع متأخر: {{title}}",
  "task-assigned": "مهمة حادث مسندة إليك: {{title}}",
  settings: {
    title: "الإشعارات",
    intro:
      "اختر طريقة إعلامك بكل نوع. لا يحمل البريد الإلكتروني أبدًا ما فوق TLP:GREEN: فبالنسبة لعنصر AMBER أو RED يذكر فقط أن هناك ما ينتظرك، مع رابط.",
    noEmail: "لا يرسل هذا التثبيت بريدًا إلكترونيًا: تسري خيارات البريد عندما يُعِدّ المسؤول خادم بريد.",
    language: "لغة رسائلك الإلكترونية",
    save: "حفظ",
    saved: "تم حفظ إعدادات الإشعارات.",
    topics: {
      "shared-items": "العناصر المشتركة الموجهة إليك أو إلى منظمتك",
      approvals: "طلبات الموافقة",
      acknowledgements: "تذكيرات الإقرار بالاستلام",
      actions: "إجراءات المتابعة المستحقة والمتأخرة",
      reviews: "مراجعات المخاطر المستحقة",
      discussions: "الردود والإجابات",
      incidents: "الحوادث: المهام المسندة إليك وتقارير الوضع المستحقة",
    },
    deliveries: {
      app: "داخل التطبيق",
      email: "بريد إلكتروني فوري",
      digest: "ملخص يومي بالبريد",
      off: "إيقاف",
    },
  },
};
