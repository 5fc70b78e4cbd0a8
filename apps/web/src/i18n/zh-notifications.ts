// Chinese strings of notifications (see en-notifications.ts).
import type { notifications as english } from "./en-notifications.ts";
import type { Translation } from "./translation.ts";

export const notifications: Translation<typeof english, "zh"> = {
  bell: "通知",
  unread_other: "{{count}} 条未读通知",
  markAll: "全部标为已读",
  reply: "{{name}} 在 {{title}} 中回复了",
  answer: "{{name}} 回答了您的问题 {{title}}",
  someone: "有人",
  empty:
    "暂无新消息。发给您的信息、待您批准和确认的事项、到期的后续行动和风险复审，以及对您的回复，都会在此通知您。",
  "item-new": "发给您的新信息：{{title}}",
  "approval-request": "等待您批准：{{title}}",
  "approval-reminder": "仍在等待您批准：{{title}}",
  "acknowledgement-reminder": "请确认收到：{{title}}",
  "action-overdue": "后续行动已逾期：{{title}}",
  "action-due": "后续行动即将到期：{{title}}",
  "review-due": "风险评估需要复审：{{title}}",
  "proposal-review": "提案等待您审阅：{{title}}",
  invitation: "您所在组织受邀加入 {{title}}",
  "sitrep-due": "态势报告即将到期：{{title}}",
  "sitrep-overdue": "态势报告已逾期：{{title}}",
  "task-assigned": "分配给您的事件任务：{{title}}",
  settings: {
    title: "通知",
    intro:
      "选择每类事项的通知方式。电子邮件绝不包含高于 TLP:GREEN 的内容：对于 AMBER 或 RED 信息，邮件只说明有事项等待您处理，并附上链接。",
    noEmail: "本系统不发送电子邮件：管理员配置邮件服务器后，邮件选项才会生效。",
    language: "邮件语言",
    save: "保存",
    saved: "通知设置已保存。",
    topics: {
      "shared-items": "发给您或您所在组织的共享信息",
      approvals: "批准请求",
      acknowledgements: "确认提醒",
      actions: "到期和逾期的后续行动",
      reviews: "到期的风险复审",
      discussions: "回复和回答",
      incidents: "事件：分配给您的任务、到期的态势报告",
    },
    deliveries: {
      app: "应用内",
      email: "立即发送邮件",
      digest: "每日邮件摘要",
      off: "关闭",
    },
  },
};
