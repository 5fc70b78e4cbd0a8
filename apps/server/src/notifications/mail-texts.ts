// The words of notification e-mails, in the six UN languages. Kept short: one line per
// notification, a subject, and where to change how one hears of these. No title of anything above
// TLP:GREEN is ever put into these texts (mail.ts decides what is named).
import type { Language, NotificationKind } from "@bulwark/core";

export interface MailTexts {
  /** Subject of a message sent at once. */
  subject: string;
  /** Subject of the daily digest. */
  digestSubject: string;
  /** What stands for a subject that e-mail may not name. */
  awaits: string;
  kinds: Record<NotificationKind, string>;
  /** The last line, before the account page's address. */
  settings: string;
}

export const MAIL_TEXTS: Record<Language, MailTexts> = {
  en: {
    subject: "Bulwark: something awaits you",
    digestSubject: "Bulwark: your daily summary",
    awaits: "Something awaits you in Bulwark.",
    kinds: {
      reply: "A new reply in a discussion you took part in",
      answer: "An answer to your question",
      "item-new": "A shared item addressed to you or your organisation",
      "approval-request": "An item awaits your approval",
      "approval-reminder": "Reminder: an item still awaits your approval",
      "acknowledgement-reminder": "Reminder: please acknowledge a shared item",
      "action-overdue": "A follow-up action is overdue",
      "action-due": "A follow-up action is due soon",
      "review-due": "A risk assessment is due for review",
      "proposal-review": "A compendium proposal awaits your review",
      invitation: "Your organisation is invited into a community",
      "sitrep-due": "A situation report of an incident is due soon",
      "sitrep-overdue": "A situation report of an incident is overdue",
      "task-assigned": "An incident task was assigned to you or your organisation",
    },
    settings: "Choose how you hear of these on your account page:",
  },
  fr: {
    subject: "Bulwark : un élément vous attend",
    digestSubject: "Bulwark : votre résumé du jour",
    awaits: "Un élément vous attend dans Bulwark.",
    kinds: {
      reply: "Une nouvelle réponse dans une discussion à laquelle vous avez participé",
      answer: "Une réponse à votre question",
      "item-new": "Un élément partagé adressé à vous ou à votre organisation",
      "approval-request": "Un élément attend votre approbation",
      "approval-reminder": "Rappel : un élément attend toujours votre approbation",
      "acknowledgement-reminder": "Rappel : veuillez accuser réception d'un élément partagé",
      "action-overdue": "Une action de suivi est en retard",
      "action-due": "Une action de suivi arrive bientôt à échéance",
      "review-due": "Une évaluation des risques doit être réexaminée",
      "proposal-review": "Une proposition pour le recueil attend votre examen",
      invitation: "Votre organisation est invitée dans une communauté",
      "sitrep-due": "Un rapport de situation d'un incident est bientôt dû",
      "sitrep-overdue": "Un rapport de situation d'un incident est en retard",
      "task-assigned": "Une tâche d'incident a été confiée à vous ou à votre organisation",
    },
    settings: "Choisissez comment en être informé sur la page de votre compte :",
  },
  es: {
    subject: "Bulwark: algo le espera",
    digestSubject: "Bulwark: su resumen diario",
    awaits: "Algo le espera en Bulwark.",
    kinds: {
      reply: "Una nueva respuesta en un debate en el que participó",
      answer: "Una respuesta a su pregunta",
      "item-new": "Un elemento compartido dirigido a usted o a su organización",
      "approval-request": "Un elemento espera su aprobación",
      "approval-reminder": "Recordatorio: un elemento sigue esperando su aprobación",
      "acknowledgement-reminder": "Recordatorio: confirme la recepción de un elemento compartido",
      "action-overdue": "Una acción de seguimiento está atrasada",
      "action-due": "Una acción de seguimiento vence pronto",
      "review-due": "Una evaluación de riesgos debe revisarse",
      "proposal-review": "Una propuesta para el compendio espera su revisión",
      invitation: "Su organización está invitada a una comunidad",
      "sitrep-due": "Un informe de situación de un incidente vence en breve",
      "sitrep-overdue": "Un informe de situación de un incidente está atrasado",
      "task-assigned": "Se le asignó a usted o a su organización una tarea de un incidente",
    },
    settings: "Elija cómo recibir estos avisos en la página de su cuenta:",
  },
  ar: {
    subject: "Bulwark: هناك ما ينتظرك",
    digestSubject: "Bulwark: ملخصك اليومي",
    awaits: "هناك ما ينتظرك في Bulwark.",
    kinds: {
      reply: "رد جديد في نقاش شاركت فيه",
      answer: "إجابة على سؤالك",
      "item-new": "عنصر مشترك موجّه إليك أو إلى منظمتك",
      "approval-request": "عنصر ينتظر موافقتك",
      "approval-reminder": "تذكير: عنصر لا يزال ينتظر موافقتك",
      "acknowledgement-reminder": "تذكير: يرجى الإقرار باستلام عنصر مشترك",
      "action-overdue": "إجراء متابعة تجاوز موعده",
      "action-due": "إجراء متابعة يحين موعده قريبًا",
      "review-due": "تقييم مخاطر حان موعد مراجعته",
      "proposal-review": "مقترح للخلاصة ينتظر مراجعتك",
      invitation: "منظمتك مدعوة إلى الانضمام إلى مجتمع",
      "sitrep-due": "تقرير وضع لحادث مستحق قريبًا",
      "sitrep-overdue": "تقرير وضع لحادث متأخر عن موعده",
      "task-assigned": "أُسندت إليك أو إلى منظمتك مهمة في حادث",
    },
    settings: "اختر طريقة إعلامك بهذه من صفحة حسابك:",
  },
  ru: {
    subject: "Bulwark: вас ждёт новое",
    digestSubject: "Bulwark: ваша сводка за день",
    awaits: "В Bulwark вас ждёт новое.",
    kinds: {
      reply: "Новый ответ в обсуждении, в котором вы участвовали",
      answer: "Ответ на ваш вопрос",
      "item-new": "Материал, адресованный вам или вашей организации",
      "approval-request": "Материал ждёт вашего утверждения",
      "approval-reminder": "Напоминание: материал всё ещё ждёт вашего утверждения",
      "acknowledgement-reminder": "Напоминание: подтвердите получение материала",
      "action-overdue": "Последующее действие просрочено",
      "action-due": "Скоро срок последующего действия",
      "review-due": "Оценку риска пора пересмотреть",
      "proposal-review": "Предложение для сборника ждёт вашей проверки",
      invitation: "Вашу организацию приглашают в сообщество",
      "sitrep-due": "Скоро срок донесения об обстановке по инциденту",
      "sitrep-overdue": "Донесение об обстановке по инциденту просрочено",
      "task-assigned": "Вам или вашей организации назначена задача по инциденту",
    },
    settings: "Выберите, как получать эти уведомления, на странице своей учётной записи:",
  },
  zh: {
    subject: "Bulwark：有事项等待您处理",
    digestSubject: "Bulwark：您的每日摘要",
    awaits: "Bulwark 中有事项等待您处理。",
    kinds: {
      reply: "您参与的讨论有新回复",
      answer: "您的问题有了回答",
      "item-new": "有发给您或您所在组织的共享信息",
      "approval-request": "有信息等待您批准",
      "approval-reminder": "提醒：有信息仍在等待您批准",
      "acknowledgement-reminder": "提醒：请确认收到共享信息",
      "action-overdue": "有后续行动已逾期",
      "action-due": "有后续行动即将到期",
      "review-due": "有风险评估需要复审",
      "proposal-review": "有汇编提案等待您审阅",
      invitation: "您所在组织受邀加入一个社区",
      "sitrep-due": "某事件的态势报告即将到期",
      "sitrep-overdue": "某事件的态势报告已逾期",
      "task-assigned": "已向您或您所在组织分配一项事件任务",
    },
    settings: "可在账户页面选择接收这些通知的方式：",
  },
};
