// Arabic strings of the home page (see en-home.ts).
import type { home as english } from "./en-home.ts";
import type { Translation } from "./translation.ts";

export const home: Translation<typeof english, "ar"> = {
  needsYou: "ما ينتظرك الآن",
  nothingToDo: "أدوارك للمراقبة لا للتنفيذ: لا شيء ينتظرك هنا. سجل التدقيق متاح لك.",
  openAudit: "فتح سجل التدقيق",
  waiting_zero: "لا شيء في الانتظار",
  waiting_one: "عنصر واحد في الانتظار",
  waiting_two: "عنصران في الانتظار",
  waiting_few: "{{count}} عناصر في الانتظار",
  waiting_many: "{{count}} عنصرًا في الانتظار",
  waiting_other: "{{count}} عنصر في الانتظار",
  seeAll_zero: "عرض الكل",
  seeAll_one: "عرض العنصر",
  seeAll_two: "عرض العنصرين",
  seeAll_few: "عرض الـ {{count}} عناصر",
  seeAll_many: "عرض الـ {{count}} عنصرًا",
  seeAll_other: "عرض الـ {{count}} عنصر",
  due: "الموعد: {{date}}",
  overdueSince: "متأخر منذ {{date}}",
  reportDue: "التقرير التالي مستحق في {{date}}",
  reportOverdue: "التقرير متأخر منذ {{date}}",
  figuresTitle: "الأرقام الرئيسية لـ {{name}}",
  assets: "الأصول في سجلك",
  risksAboveAppetite: "مخاطر تتجاوز حد القبول",
  selfAssessmentScore: "نتيجة آخر تقييم ذاتي",
  noSelfAssessment: "لم يُقدَّم أي تقييم بعد",
  gettingStarted: "الخطوات الأولى",
  gettingStartedIntro: "بضع خطوات أولى لمنظمتك. تُعلَّم كل خطوة تلقائيًا عند إنجازها.",
  done: "منجز",
  toDo: "مطلوب",
  steps: {
    assets: "أضف أصول منظمتك",
    colleagues: "ادعُ زملاءك",
    communities: "انضم إلى مجتمع",
    "self-assessment": "قدّم أول تقييم ذاتي",
  },
  sections: {
    incidents: {
      title: "الحوادث المفتوحة",
      empty: "لا توجد حادثة مفتوحة تخصك. تظهر هنا الحوادث التي أبلغت عنها منظمتك أو التي شوركت معها.",
      action: "فتح الحوادث",
    },
    "incident-tasks": {
      title: "مهام الحوادث المسندة إليك",
      empty: "لا توجد مهمة حادثة مسندة إليك أو إلى منظمتك.",
      action: "فتح الحوادث",
    },
    acknowledge: {
      title: "عناصر مشتركة بانتظار الإقرار",
      empty: "لا شيء للإقرار. تظهر هنا التنبيهات والتقارير الموجهة إليك أو إلى منظمتك.",
      action: "فتح موجز المشاركة",
    },
    "approve-sharing": {
      title: "عناصر بانتظار موافقتك",
      empty: "لا يوجد عنصر من منظمتك بانتظار موافقة شخص ثانٍ.",
      action: "فتح قائمة الموافقات",
    },
    "review-proposals": {
      title: "مقترحات للخلاصة بانتظار المراجعة",
      empty: "لا يوجد مقترح بانتظار المراجعة.",
      action: "فتح المقترحات",
    },
    invitations: {
      title: "دعوات إلى المجتمعات",
      empty: "لا توجد دعوة بانتظار منظمتك. اطلب من مشرفي أحد المجتمعات دعوتك.",
      action: "فتح المجتمعات",
    },
    "actions-overdue": {
      title: "إجراءات متابعة متأخرة",
      empty: "لا يوجد إجراء متابعة متأخر.",
      action: "فتح متتبع الإجراءات",
    },
    "actions-coming": {
      title: "إجراءات متابعة يحين موعدها قريبًا",
      empty: "لا يحين موعد أي إجراء متابعة خلال الأسبوعين المقبلين.",
      action: "فتح متتبع الإجراءات",
    },
    "risk-reviews": {
      title: "مراجعات مخاطر مستحقة",
      empty: "لا يوجد تقييم مخاطر لمنظمتك مستحق المراجعة. قيّم خطرًا لتبدأ سجلك.",
      action: "فتح سجل المخاطر",
    },
    "self-assessment-drafts": {
      title: "تقييمات ذاتية قيد الإنجاز",
      empty: "لا يوجد تقييم ذاتي قيد الإنجاز. ابدأ تقييمًا لقياس منظمتك وفق القرار 2341.",
      action: "فتح التقييم الذاتي",
    },
    questions: {
      title: "أسئلة في مجال خبرتك",
      empty: "لا يوجد سؤال مفتوح يطابق خبرتك. حدّث قطاعات ومواضيع ملفك كخبير لتصلك الأسئلة.",
      action: "فتح شبكة الخبراء",
    },
    "verify-organisations": {
      title: "منظمات بانتظار التحقق",
      empty: "تم التحقق من جميع المنظمات.",
      action: "فتح المنظمات",
    },
  },
};
