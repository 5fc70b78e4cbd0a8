// Russian strings of notifications (see en-notifications.ts).
import type { notifications as english } from "./en-notifications.ts";
import type { Translation } from "./translation.ts";

export const notifications: Translation<typeof english, "ru"> = {
  bell: "Уведомления",
  unread_one: "{{count}} непрочитанное уведомление",
  unread_few: "{{count}} непрочитанных уведомления",
  unread_many: "{{count}} непрочитанных уведомлений",
  unread_other: "{{count}} непрочитанного уведомления",
  markAll: "Отметить все как прочитанные",
  reply: "{{name}} ответил(а) в обсуждении {{title}}",
  answer: "{{name}} ответил(а) на ваш вопрос {{title}}",
  someone: "Кто-то",
  empty:
    "Ничего нового. Здесь вы узнаёте о материалах, адресованных вам, ожидаемых утверждениях и подтверждениях, сроках последующих действий и пересмотра рисков, а также об ответах вам.",
  "item-new": "Новое для вас: {{title}}",
  "approval-request": "Ждёт вашего утверждения: {{title}}",
  "approval-reminder": "Всё ещё ждёт вашего утверждения: {{title}}",
  "acknowledgement-reminder": "Подтвердите получение: {{title}}",
  "action-overdue": "Просрочено последующее действие: {{title}}",
  "action-due": "Скоро срок последующего действия: {{title}}",
  "review-due": "Пора пересмотреть оценку риска: {{title}}",
  "proposal-review": "Предложение ждёт вашей проверки: {{title}}",
  invitation: "Вашу организацию приглашают в {{title}}",
  "sitrep-due": "Скоро срок донесения об обстановке: {{title}}",
  "sitrep-overdue": "Донесение об обстановке просрочено: {{title}}",
  "task-assigned": "Вам назначена задача по инциденту: {{title}}",
  settings: {
    title: "Уведомления",
    intro:
      "Выберите, как узнавать о каждом виде событий. Электронное письмо никогда не содержит ничего выше TLP:GREEN: о материале AMBER или RED оно сообщает лишь, что вас что-то ждёт, и даёт ссылку.",
    noEmail:
      "Эта установка не отправляет электронную почту: выбор писем вступит в силу, когда администратор настроит почтовый сервер.",
    language: "Язык ваших писем",
    save: "Сохранить",
    saved: "Настройки уведомлений сохранены.",
    topics: {
      "shared-items": "Материалы, адресованные вам или вашей организации",
      approvals: "Запросы на утверждение",
      acknowledgements: "Напоминания о подтверждении",
      actions: "Сроки и просрочки последующих действий",
      reviews: "Сроки пересмотра рисков",
      discussions: "Ответы",
      incidents: "Инциденты: назначенные вам задачи, сроки донесений об обстановке",
    },
    deliveries: {
      app: "В приложении",
      email: "Письмо сразу",
      digest: "Ежедневная сводка по почте",
      off: "Выключено",
    },
  },
};
