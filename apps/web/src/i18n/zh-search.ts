// Chinese strings of search everything and of the glossary; zh.ts includes them under `search`.
import type { search as englishSearch } from "./en-search.ts";
import type { Translation } from "./translation.ts";
export const search: Translation<typeof englishSearch, "zh"> = {
  button: "搜索",
  title: "全局搜索",
  label: "搜索资产、共享条目、汇编条目、专家、活动、评估",
  placeholder: "请至少输入两个字符…",
  shortcut: "Ctrl+K",
  tooShort: "请至少输入两个字符。",
  searching: "正在搜索…",
  none: "在您可查看的内容中，没有与“{{q}}”匹配的结果。",
  count_other: "{{count}} 个结果",
  more_other: "另有 {{count}} 个",
  hint: "方向键移动，回车打开，Esc 关闭。",
  kinds: {
    asset: "资产",
    "shared-item": "共享条目",
    "compendium-entry": "汇编",
    expert: "专家",
    event: "活动",
    "self-assessment-run": "自我评估",
    "risk-assessment": "风险评估",
  },
  glossary: {
    open: "术语表",
    title: "术语表",
    intro: "页面中所用术语的解释。带虚线下划线的链接会在此处打开相应术语。",
    source: "TLP：FIRST，Traffic Light Protocol 2.0 版（2022 年）。",
    terms: {
      tlp: {
        name: "TLP（Traffic Light Protocol，交通灯协议）",
        text: "由 FIRST 维护的一组标签（自 2022 年 8 月起为 2.0 版），告诉接收方可以把信息传递到多大范围。它不是密级分类制度。各语言中标签均保持英文原样。",
      },
      clear: {
        name: "TLP:CLEAR",
        text: "不限制披露：在遵守版权的前提下，接收方可将其传给任何人。它取代了 TLP:WHITE。",
      },
      green: {
        name: "TLP:GREEN",
        text: "限于接收方所在的社区：可与社区内的同行和伙伴组织分享，但不得通过公开渠道传播。在 Bulwark 中：即条目所发往的社区。",
      },
      amber: {
        name: "TLP:AMBER",
        text: "有限披露：接收方只能按“需要知道”的原则，在本组织内部及其客户之间分享，用于保护自身或防止进一步损害。",
      },
      amberStrict: {
        name: "TLP:AMBER+STRICT",
        text: "与 TLP:AMBER 相同，但仅限接收方本组织内部，不得分享给其客户。",
      },
      red: {
        name: "TLP:RED",
        text: "仅限指名的接收方，不得再披露。在 Bulwark 中：仅限条目所发往的人员及其批准人。",
      },
      stix: {
        name: "STIX",
        text: "Structured Threat Information Expression（结构化威胁信息表达）：OASIS 标准（2.1 版），以 JSON 对象描述威胁信息（如指标、攻击模式、报告），供其他工具读取。",
      },
      taxii: {
        name: "TAXII",
        text: "Trusted Automated Exchange of Intelligence Information（可信自动化情报信息交换）：OASIS 标准（2.1 版），用于通过 HTTPS 交换 STIX 对象。TAXII 服务器提供集合；客户端从中拉取对象或向其添加对象。",
      },
      cap: {
        name: "CAP",
        text: "Common Alerting Protocol（通用警报协议）：OASIS 标准（1.2 版），一种用于紧急警报和公众预警的 XML 格式，使同一条预警能同时经由多种网络传递。Bulwark 以此格式导出警报。",
      },
      kOfN: {
        name: "n 中取 k",
        text: "依赖关系的冗余规则：只要某项服务的 n 个供应方中至少有 k 个仍在运行，该资产就能继续运作。若为 3 中取 2，失去一个供应方仍可运作，失去两个则不行。",
      },
      fourEyes: {
        name: "四眼原则",
        text: "条目发出前须由本组织的第二人批准。组织可对 AMBER、AMBER+STRICT 和 RED 条目提出此要求；任何人都不能批准自己的条目。",
      },
      community: {
        name: "社区",
        text: "相互分享信息的一组组织，例如同一行业的运营者。TLP:GREEN 的条目和资产会送达与其所有者同属一个社区的组织。",
      },
      appetite: {
        name: "风险偏好",
        text: "组织愿意接受的风险水平。得分超出该水平的评估会被标记为需要处置。",
      },
    },
  },
};
