// Arabic strings of sharing under TLP 2.0; ar.ts includes them under `sharing`.
import type { sharing as englishSharing } from "./en-sharing.ts";
import type { Translation } from "./translation.ts";

const types = {
  alert: "تنبيه",
  report: "تقرير",
  "incident-notice": "إشعار بحادث",
  indicator: "مؤشر",
};

const statuses = {
  draft: "مسودة",
  "awaiting-approval": "بانتظار الموافقة",
  published: "منشور",
  withdrawn: "مسحوب",
};

const acknowledgements = {
  received: "تم الاستلام",
  acted: "تم اتخاذ إجراء",
};

/** The TLP 2.0 rule of each marking for whoever composes (FIRST, 2022). */
const rules = {
  clear: "يراه كل من سجّل الدخول؛ ويجوز للمتلقين تبادله بحرية.",
  green: "تراه كل منظمة في المجتمعات التي تختارها؛ ويجوز لها تبادله داخل مجتمعاتها، ولا يجوز نشره علنًا أبدًا.",
  amber:
    "تراه المنظمات التي تختارها (ومنظمات المجتمعات التي تختارها) على أساس الحاجة إلى المعرفة؛ ويجوز لها إبلاغ عملائها به، ولا أحد غيرهم.",
  "amber+strict":
    "تراه المنظمات التي تختارها على أساس الحاجة إلى المعرفة، وتُبقيه داخل منظمتها. لا يرى المتلقون بعضهم بعضًا ما لم تسمح بذلك.",
  red: "لا يراه إلا الأشخاص الذين تسمّيهم؛ ولا يجوز لهم نقله إلى غيرهم. لا يرى المتلقون بعضهم بعضًا ما لم تسمح بذلك.",
};

// CAP 1.2 codes (OASIS CAP 1.2, §3.2.2): the codes travel unchanged, these are their labels.
const capCategories = {
  Geo: "جيوفيزيائية",
  Met: "أرصاد جوية",
  Safety: "طوارئ عامة وسلامة عامة",
  Security: "إنفاذ القانون والشؤون العسكرية والأمن",
  Rescue: "الإنقاذ والتعافي",
  Fire: "إخماد الحرائق والإنقاذ",
  Health: "الطب والصحة العامة",
  Env: "التلوث والبيئة",
  Transport: "النقل العام والخاص",
  Infra: "المرافق والاتصالات وغيرها من البنى التحتية",
  CBRNE: "المواد الكيميائية أو البيولوجية أو الإشعاعية أو النووية أو المتفجرة",
  Other: "أحداث أخرى",
};

const capUrgencies = {
  Immediate: "فوري",
  Expected: "متوقَّع (خلال الساعة)",
  Future: "مستقبلي",
  Past: "سابق (لا يلزم أي إجراء)",
  Unknown: "غير معروف",
};

const capSeverities = {
  Extreme: "بالغة الشدة",
  Severe: "شديدة",
  Moderate: "متوسطة",
  Minor: "طفيفة",
  Unknown: "غير معروفة",
};

const capCertainties = {
  Observed: "مرصود",
  Likely: "مرجَّح",
  Possible: "محتمل",
  Unlikely: "غير مرجَّح",
  Unknown: "غير معروف",
};

export const sharing: Translation<typeof englishSharing, "ar"> = {
  title: "تبادل المعلومات",
  subtitle: "التنبيهات والتقارير والإشعارات بالحوادث والمؤشرات المتبادلة معك وفق TLP 2.0.",
  compose: "إنشاء",
  approvals: "الموافقات",
  types,
  statuses,
  acknowledgements,
  rules,
  stix: {
    item: "تنزيل STIX 2.1",
    feed: "تصدير STIX",
    registry: "تصدير STIX",
  },
  feed: {
    search: "البحث في العناوين والنصوص",
    allTypes: "جميع الأنواع",
    allSectors: "جميع القطاعات",
    unreadOnly: "غير المقروءة فقط",
    sent: "من منظمتي",
    empty: "لا شيء مما تُبودل معك يطابق البحث. تظهر هنا العناصر الموجَّهة إليك أو إلى منظمتك أو مجتمعاتك.",
    new: "جديد",
    columnTitle: "العنوان",
    columnType: "النوع",
    columnFrom: "المُرسِل",
    columnPublished: "تاريخ النشر",
    columnAck: "إقرارك",
    unread: "{{count}} غير مقروء",
  },
  approvalsPage: {
    title: "الموافقات",
    subtitle: "عناصر منظمتك التي تنتظر شخصًا ثانيًا (مبدأ الأعين الأربع). لا يمكنك الموافقة على عناصرك.",
    empty: "لا شيء ينتظر الموافقة.",
    fourEyes: "مبدأ الأعين الأربع للوسوم AMBER وAMBER+STRICT وRED",
    fourEyesHint:
      "لا تُرسل هذه العناصر من منظمتك إلا بعد موافقة شخص ثانٍ (منسّق أو مسؤول). ويغيّر مسؤولو منظمتك هذا الإعداد.",
    drafts: "المسودات",
    decision: "القرار",
    approveTitle: "الموافقة على «{{title}}»",
    approved: "تمت الموافقة والإرسال: «{{title}}».",
    notYours: "يوافق عليه شخص ثانٍ من منظمتك.",
  },
  composePage: {
    title: "إنشاء",
    subtitle: "اكتب العنصر، واختر وسمه وجمهوره، وتحقّق ممن سيراه قبل الإرسال.",
    type: "النوع",
    itemTitle: "العنوان",
    body: "النص (Markdown)",
    sectors: "القطاعات",
    assets: "الأصول المعنية",
    marking: "الوسم",
    widest: "يمكنك استخدام {{marking}} أو أي وسم أكثر تقييدًا.",
    communities: "المجتمعات",
    organisations: "المنظمات",
    people: "أشخاص محدَّدون بالاسم",
    reveal: "السماح للمتلقين برؤية أسماء بعضهم بعضًا",
    saveDraft: "حفظ المسودة",
    send: "إرسال",
    preview: "من سيراه",
    everyone: "كل من سجّل الدخول.",
    reach: "{{organisations}} من المنظمات، و{{people}} من الأشخاص",
    nobody: "اختر جمهورًا.",
    bodyHint:
      "تُكتشف عناوين البريد الإلكتروني وأرقام الهواتف تلقائيًا؛ وعلّم البيانات الشخصية الأخرى (الأسماء وأرقام الهوية ولوحات المركبات) بالصيغة [[pii:...]]. يرى القراء من خارج منظمتك أسماء مستعارة.",
    personalDataRoles: "الأدوار من خارج منظمتك التي يجوز لها قراءة البيانات الشخصية كما كُتبت",
    fourEyes: "تشترط منظمتك مبدأ الأعين الأربع: يُرسل هذا العنصر بعد موافقة شخص ثانٍ عليه.",
    pattern: "نمط STIX",
    patternHint:
      "اختياري. نمط STIX 2.1، مثل [ipv4-addr:value = '198.51.100.1/32']: إذا وُجد، ينقل تصدير STIX هذا المؤشر بوصفه مؤشر STIX. ويُنقل كما كُتب (دون أسماء مستعارة).",
  },
  warning: {
    title: "الإنذار (CAP 1.2)",
    hint: "كيف يُقرأ التنبيه بوصفه إنذارًا وفق بروتوكول الإنذار المشترك (CAP). يُنشر التنبيه TLP:CLEAR لأي شخص في موجز CAP العام.",
    categories: "الفئات",
    event: "الحدث",
    eventHint: "نوع الحدث في بضع كلمات؛ ويُستخدم العنوان إذا تُرك فارغًا.",
    urgency: "درجة الاستعجال",
    severity: "درجة الخطورة",
    certainty: "درجة اليقين",
    instruction: "تعليمات إلى المتلقين",
    expires: "ينتهي في",
    area: "المنطقة بالكلمات",
    areaLabel: "المنطقة",
    areaDefault: "مواقع الأصول المعنية",
    fromAssets: "دائرة حول كل أصل معني",
    fromAssetsHint:
      "الأصول التي لا يقل نطاق وسمها عن نطاق التنبيه فقط: لا يظهر أصل AMBER أبدًا في منطقة تنبيه CLEAR.",
    radius: "نصف القطر (كم)",
    polygon: "مضلّع",
    polygonHint:
      "الرؤوس بصيغة خط العرض,خط الطول تفصل بينها مسافات، مثل ‎-22.95,-18.52 -22.95,-18.34 -23.07,-18.34",
    polygonInvalid: "اكتب ثلاثة رؤوس على الأقل بصيغة خط العرض,خط الطول.",
    cap: "CAP 1.2",
    capMessages_zero: "لم تُرسل أي رسالة CAP",
    capMessages_one: "أُرسلت رسالة CAP واحدة",
    capMessages_two: "أُرسلت رسالتا CAP",
    capMessages_few: "أُرسلت {{count}} رسائل CAP",
    capMessages_many: "أُرسلت {{count}} رسالة CAP",
    capMessages_other: "أُرسلت {{count}} رسالة CAP",
    capWithheld_zero: "لم يُستبعد أي أصل من منطقة CAP.",
    capWithheld_one: "استُبعد أصل واحد من منطقة CAP (وسمه أضيق من وسم التنبيه).",
    capWithheld_two: "استُبعد أصلان من منطقة CAP (وسمهما أضيق من وسم التنبيه).",
    capWithheld_few: "استُبعدت {{count}} أصول من منطقة CAP (وسمها أضيق من وسم التنبيه).",
    capWithheld_many: "استُبعد {{count}} أصلًا من منطقة CAP (وسمها أضيق من وسم التنبيه).",
    capWithheld_other: "استُبعد {{count}} أصل من منطقة CAP (وسمها أضيق من وسم التنبيه).",
    feed: "موجز التنبيهات العام (Atom)",
    revise: "تنقيح الإنذار",
    sendUpdate: "إرسال تحديث CAP",
    capCategories,
    capUrgencies,
    capSeverities,
    capCertainties,
  },
  attachments: {
    title: "الملفات",
    pick: "إرفاق ملفات",
    limits:
      "ملفات PDF والصور والنصوص وCSV وJSON أو STIX وZIP والمستندات المكتبية، بحد أقصى {{size}} لكل منها. علّم الملف بأنه شخصي إذا تضمّن بيانات شخصية: لا يجوز تنزيله إلا لمنظمتك (وللأدوار التي تسمح لها)، ويُزال عند انتهاء مدة الاحتفاظ.",
    personal: "بيانات شخصية",
    tooBig: "كبير جدًا (بحد أقصى {{size}} لكل ملف): {{names}}",
    add: "رفع",
    remove: "إزالة {{name}}",
    purged: "أُزيل في {{date}} (انتهت مدة الاحتفاظ)",
    withheld: "يتضمّن بيانات شخصية: غير متاح لك للتنزيل.",
    unfinished: "حُفظت المسودة لكن لم تُرفع جميع الملفات: افتحها لإرفاقها مجددًا.",
  },
  item: {
    pattern: "نمط STIX",
    notFound: "لا يوجد عنصر بهذا العنوان مرئي لك.",
    from: "من {{organisation}} ({{author}})",
    approvedBy: "وافق عليه {{name}}",
    audience: "الجمهور",
    hidden: "{{count}} من المتلقين الآخرين لا تُكشف لك أسماؤهم (جمهور سري).",
    reshared: "أُعيد تبادله",
    acknowledge: "الإقرار",
    received: "تعليم كمستلَم",
    acted: "تعليم كمُتّخذ بشأنه إجراء",
    yourAck: "أقررت: {{state}}",
    submit: "إرسال",
    approve: "الموافقة والنشر",
    withdraw: "سحب",
    withdrawn: "سحب المُرسِل هذا العنصر.",
    awaiting: "بانتظار موافقة شخص ثانٍ من {{organisation}}.",
    draft: "مسودة: لا يراها إلا أنت والموافِقون في منظمتك.",
    reshare: "إعادة التبادل",
    reshareHint: "أعد توجيهه إلى مزيد من المجتمعات أو المنظمات. يبقى الوسم على حاله.",
    acknowledgementsTitle: "الإقرارات",
    summary:
      "{{received}} مستلَم · {{acted}} اتُّخذ بشأنه إجراء · {{pending}} لم يُقَرّ بعد، من أصل {{recipients}}",
    person: "الشخص",
    organisation: "المنظمة",
    state: "الحالة",
    at: "التاريخ",
    notYet: "ليس بعد",
    hiddenPeople: "{{count}} من الأشخاص الآخرين محتسبون لكن لا تُكشف لك أسماؤهم.",
    assets: "الأصول المعنية",
    assetsHidden: "{{count}} من الأصول الأخرى لا يعرضها لك السجل.",
    personalPseudonymised: "{{count}} من القيم الشخصية معروضة بأسماء مستعارة.",
    personalAsWritten: "{{count}} من القيم الشخصية معروضة كما كُتبت؛ ويُسجَّل هذا الاطلاع في سجل التدقيق.",
    personalPurged: "أُزيلت البيانات الشخصية في {{date}} (انتهت مدة الاحتفاظ).",
  },
};
