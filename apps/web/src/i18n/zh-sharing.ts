// Chinese strings of sharing under TLP 2.0; zh.ts includes them under `sharing`.
import type { sharing as englishSharing } from "./en-sharing.ts";
import type { Translation } from "./translation.ts";

const types = {
  alert: "警报",
  report: "报告",
  "incident-notice": "事件通知",
  indicator: "指标",
};

const statuses = {
  draft: "草稿",
  "awaiting-approval": "待批准",
  published: "已发布",
  withdrawn: "已撤回",
};

const acknowledgements = {
  received: "已收到",
  acted: "已采取行动",
};

/** The TLP 2.0 rule of each marking for whoever composes (FIRST, 2022). */
const rules = {
  clear: "所有已登录用户均可查看；接收方可自由分享。",
  green: "您选择的社群中的每个组织均可查看；它们可在其社群内分享，但绝不可公开。",
  amber: "您选择的组织（以及您选择的社群中的组织）按需知悉原则查看；它们可告知其客户，但不得告知其他任何人。",
  "amber+strict": "您选择的组织按需知悉原则查看，并仅限在其本组织内部使用。除非您允许，接收方彼此不可见。",
  red: "只有您指名的人员可以查看；他们不得转告他人。除非您允许，接收方彼此不可见。",
};

// CAP 1.2 codes (OASIS CAP 1.2, §3.2.2): the codes travel unchanged, these are their labels.
const capCategories = {
  Geo: "地球物理",
  Met: "气象",
  Safety: "一般紧急情况和公共安全",
  Security: "执法、军事和安全",
  Rescue: "救援和恢复",
  Fire: "灭火和救援",
  Health: "医疗和公共卫生",
  Env: "污染和环境",
  Transport: "公共和私人交通",
  Infra: "公用事业、电信和其他基础设施",
  CBRNE: "化学、生物、放射性、核或爆炸物",
  Other: "其他事件",
};

const capUrgencies = {
  Immediate: "立即",
  Expected: "预期（一小时内）",
  Future: "未来",
  Past: "过去（无需采取行动）",
  Unknown: "未知",
};

const capSeverities = {
  Extreme: "极端",
  Severe: "严重",
  Moderate: "中等",
  Minor: "轻微",
  Unknown: "未知",
};

const capCertainties = {
  Observed: "已观测到",
  Likely: "很可能",
  Possible: "可能",
  Unlikely: "不太可能",
  Unknown: "未知",
};

export const sharing: Translation<typeof englishSharing, "zh"> = {
  title: "信息共享",
  subtitle: "按 TLP 2.0 与您共享的警报、报告、事件通知和指标。",
  compose: "撰写",
  approvals: "批准",
  types,
  statuses,
  acknowledgements,
  rules,
  stix: {
    item: "下载 STIX 2.1",
    feed: "导出 STIX",
    registry: "导出 STIX",
  },
  feed: {
    search: "搜索标题和正文",
    allTypes: "所有类型",
    allSectors: "所有部门",
    unreadOnly: "仅显示未读",
    sent: "来自本组织",
    empty: "没有与您共享的内容符合条件。发给您、您的组织或您所在社群的内容会显示在此处。",
    new: "新",
    columnTitle: "标题",
    columnType: "类型",
    columnFrom: "发送方",
    columnPublished: "发布时间",
    columnAck: "您的确认",
    unread: "{{count}} 条未读",
  },
  approvalsPage: {
    title: "批准",
    subtitle: "本组织等待第二人批准的内容（四眼原则）。您不能批准自己的内容。",
    empty: "没有待批准的内容。",
    fourEyes: "AMBER、AMBER+STRICT 和 RED 适用四眼原则",
    fourEyesHint:
      "本组织的此类内容须经第二人（协调员或管理员）批准后方可发出。本组织的管理员可以更改此设置。",
    drafts: "草稿",
  },
  composePage: {
    title: "撰写",
    subtitle: "撰写内容，选择其标记和受众，并在发送前检查谁将看到它。",
    type: "类型",
    itemTitle: "标题",
    body: "正文（Markdown）",
    sectors: "部门",
    assets: "涉及的资产",
    marking: "标记",
    widest: "您可以使用 {{marking}} 或任何更严格的标记。",
    communities: "社群",
    organisations: "组织",
    people: "指名人员",
    reveal: "允许接收方看到彼此的名称",
    saveDraft: "保存草稿",
    send: "发送",
    preview: "谁将看到",
    everyone: "所有已登录用户。",
    reach: "{{organisations}} 个组织，{{people}} 人",
    nobody: "请选择受众。",
    bodyHint:
      "电子邮件地址和电话号码会被自动识别；其他个人数据（姓名、证件号码、车牌）请标记为 [[pii:...]]。本组织以外的读者将看到化名。",
    personalDataRoles: "本组织以外可按原文阅读个人数据的角色",
    fourEyes: "本组织要求四眼原则：此内容须经第二人批准后才会发出。",
    pattern: "STIX 模式",
    patternHint:
      "可选。STIX 2.1 模式，例如 [ipv4-addr:value = '198.51.100.1/32']：填写后，STIX 导出会将此指标作为 STIX indicator 导出。它按原文传输（不做化名处理）。",
  },
  warning: {
    title: "预警（CAP 1.2）",
    hint: "此警报作为通用警报协议（CAP）预警时的内容。TLP:CLEAR 警报会在公共 CAP 源中向所有人发布。",
    categories: "类别",
    event: "事件",
    eventHint: "用几个词说明事件类型；留空则使用标题。",
    urgency: "紧急程度",
    severity: "严重程度",
    certainty: "确定程度",
    instruction: "对接收方的指示",
    expires: "失效时间",
    area: "区域文字描述",
    areaLabel: "区域",
    areaDefault: "涉及资产所在地点",
    fromAssets: "每项涉及资产周围的圆形区域",
    fromAssetsHint: "仅限标记范围不窄于警报的资产：AMBER 资产绝不会出现在 CLEAR 警报的区域中。",
    radius: "半径（公里）",
    polygon: "多边形",
    polygonHint: "以“纬度,经度”表示的顶点，用空格分隔，例如 -22.95,-18.52 -22.95,-18.34 -23.07,-18.34",
    polygonInvalid: "请以“纬度,经度”格式输入至少三个顶点。",
    cap: "CAP 1.2",
    capMessages_other: "已发送 {{count}} 条 CAP 消息",
    capWithheld_other: "{{count}} 项资产未列入 CAP 区域（其标记范围窄于警报）。",
    feed: "公共警报源（Atom）",
    revise: "修订预警",
    sendUpdate: "发送 CAP 更新",
    capCategories,
    capUrgencies,
    capSeverities,
    capCertainties,
  },
  attachments: {
    title: "文件",
    pick: "附加文件",
    limits:
      "PDF、图片、文本、CSV、JSON 或 STIX、ZIP 及办公文档，每个不超过 {{size}}。如文件含有个人数据，请标记为个人数据：只有本组织（以及您允许的角色）可以下载，保留期届满后将被删除。",
    personal: "个人数据",
    tooBig: "文件过大（每个最多 {{size}}）：{{names}}",
    add: "上传",
    remove: "移除 {{name}}",
    purged: "已于 {{date}} 删除（保留期届满）",
    withheld: "含有个人数据：您无法下载。",
    unfinished: "草稿已保存，但并非所有文件都已上传：请打开草稿重新附加。",
  },
  item: {
    pattern: "STIX 模式",
    notFound: "您看不到此地址对应的内容。",
    from: "来自 {{organisation}}（{{author}}）",
    approvedBy: "由 {{name}} 批准",
    audience: "受众",
    hidden: "另有 {{count}} 个接收方未向您显示名称（保密受众）。",
    reshared: "已转发共享",
    acknowledge: "确认",
    received: "标为已收到",
    acted: "标为已采取行动",
    yourAck: "您已确认：{{state}}",
    submit: "发送",
    approve: "批准并发布",
    withdraw: "撤回",
    withdrawn: "此内容已被发送方撤回。",
    awaiting: "等待 {{organisation}} 的第二人批准。",
    draft: "草稿：只有您和本组织的批准人可以看到。",
    reshare: "转发共享",
    reshareHint: "转发给更多社群或组织。标记保持不变。",
    acknowledgementsTitle: "确认情况",
    summary: "{{recipients}} 个接收方中：{{received}} 已收到 · {{acted}} 已采取行动 · {{pending}} 尚未确认",
    person: "人员",
    organisation: "组织",
    state: "状态",
    at: "时间",
    notYet: "尚未确认",
    hiddenPeople: "另有 {{count}} 人已计入但未向您显示姓名。",
    assets: "涉及的资产",
    assetsHidden: "另有 {{count}} 项资产，登记册未向您显示。",
    personalPseudonymised: "{{count}} 个个人数据值以化名显示。",
    personalAsWritten: "{{count}} 个个人数据值按原文显示；此次查看已记入审计记录。",
    personalPurged: "个人数据已于 {{date}} 删除（保留期届满）。",
  },
};
