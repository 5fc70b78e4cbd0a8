// Chinese strings of the page that shows what a community's STIX collection holds; zh.ts includes
// them under `stixCollections`.
import type { stixCollections as englishStixCollections } from "./en-stix-collections.ts";
import type { Translation } from "./translation.ts";
export const stixCollections: Translation<typeof englishStixCollections, "zh"> = {
  title: "STIX 集合",
  subtitle: "您所在社群的集合内容：每个对象中您可查看的最新版本，按时间由新到旧排列。",
  action: "集合",
  collection: "集合",
  noCollection: "您的组织不属于任何社群，因此没有可阅读的集合。",
  search: "搜索名称",
  type: "对象类型",
  allTypes: "所有类型",
  tlp: "标记",
  allTlp: "所有标记",
  empty:
    "此集合中尚无您可查看的内容。对象可通过 STIX 导入、TAXII 客户端添加、TAXII 订阅以及发送给该社群的 Bulwark 内容（CLEAR、GREEN、AMBER）进入集合。",
  noMatch: "没有符合这些筛选条件的对象。",
  columnType: "类型",
  columnName: "名称",
  columnTlp: "TLP",
  columnSource: "来源",
  columnAdded: "添加时间",
  revoked: "已吊销",
  sources: {
    import: "STIX 导入",
    taxii: "TAXII 客户端",
    subscription: "TAXII 订阅",
    bulwark: "Bulwark 内容",
  },
  versionAdded: "第 {{version}} 版，于 {{added}} 添加（{{source}}）。",
  openItem: "打开共享内容",
  json: "STIX JSON",
  viewCollection: "查看集合",
};
