// Chinese strings of the home page (see en-home.ts).
import type { home as english } from "./en-home.ts";
import type { Translation } from "./translation.ts";

export const home: Translation<typeof english, "zh"> = {
  needsYou: "现在等待您处理的事项",
  nothingToDo: "您的角色以监督为主：这里没有等待您处理的事项。您可以查阅审计记录。",
  openAudit: "打开审计记录",
  waiting_other: "{{count}} 项待处理",
  seeAll_other: "查看全部 {{count}} 项",
  due: "截止日期：{{date}}",
  overdueSince: "自 {{date}} 起逾期",
  reportDue: "下一份报告截止时间：{{date}}",
  reportOverdue: "报告自 {{date}} 起逾期",
  figuresTitle: "{{name}}的关键数据",
  assets: "您登记册中的资产",
  risksAboveAppetite: "超出风险偏好的风险",
  selfAssessmentScore: "最近一次自我评估得分",
  noSelfAssessment: "尚未提交",
  gettingStarted: "入门步骤",
  gettingStartedIntro: "为您的组织准备的几个入门步骤。每一步完成后会自动勾选。",
  done: "已完成",
  toDo: "待完成",
  steps: {
    assets: "添加您组织的资产",
    colleagues: "邀请您的同事",
    communities: "加入一个社区",
    "self-assessment": "提交第一次自我评估",
  },
  sections: {
    incidents: {
      title: "未结事件",
      empty: "没有与您相关的未结事件。您组织报告的或与其共享的事件会显示在这里。",
      action: "打开事件",
    },
    "incident-tasks": {
      title: "分配给您的事件任务",
      empty: "没有分配给您或您组织的事件任务。",
      action: "打开事件",
    },
    acknowledge: {
      title: "待确认的共享信息",
      empty: "没有需要确认的内容。发给您或您组织的警报和报告会显示在这里。",
      action: "打开共享信息流",
    },
    "approve-sharing": {
      title: "等待您批准的信息",
      empty: "您的组织没有等待第二人批准的信息。",
      action: "打开审批队列",
    },
    "review-proposals": {
      title: "待审核的汇编提案",
      empty: "没有等待审核的提案。",
      action: "打开提案",
    },
    invitations: {
      title: "社区邀请",
      empty: "没有等待您组织处理的邀请。请社区的管理员邀请您。",
      action: "打开社区",
    },
    "actions-overdue": {
      title: "逾期的后续行动",
      empty: "没有逾期的后续行动。",
      action: "打开行动跟踪",
    },
    "actions-coming": {
      title: "即将到期的后续行动",
      empty: "未来两周内没有到期的后续行动。",
      action: "打开行动跟踪",
    },
    "risk-reviews": {
      title: "到期的风险复审",
      empty: "您组织的风险评估均无需复审。评估一项风险以开始建立登记册。",
      action: "打开风险登记册",
    },
    "self-assessment-drafts": {
      title: "进行中的自我评估",
      empty: "没有进行中的自我评估。开始一次评估，对照第 2341 号决议衡量您的组织。",
      action: "打开自我评估",
    },
    questions: {
      title: "您专业领域内的问题",
      empty: "没有与您专业相符的未解决问题。请及时更新专家档案中的行业和主题，以便收到提问。",
      action: "打开专家网络",
    },
    "verify-organisations": {
      title: "待核实的组织",
      empty: "所有组织均已核实。",
      action: "打开组织",
    },
  },
};
