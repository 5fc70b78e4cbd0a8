// Chinese strings of STIX 2.1 import; zh.ts includes them under `stix`.
import type { stix as englishStix } from "./en-stix.ts";
import type { Translation } from "./translation.ts";
export const stix: Translation<typeof englishStix, "zh"> = {
  title: "导入 STIX 2.1",
  subtitle:
    "将 STIX 2.1 数据包（MISP 或 OpenCTI 导出、MITRE ATT&CK 等）导入某个社群的集合，通过 TAXII 提供给其成员。",
  importAction: "导入 STIX",
  community: "社群",
  communityHint: "其集合接收这些对象的社群。仅列出您有权发布的社群。",
  defaultTlp: "未标记对象的标记",
  defaultTlpHint: "对象保留其自带的 TLP 标记；此标记适用于没有任何标记的对象。TLP:RED 对象一律不接收。",
  file: "数据包",
  fileHint: "包含一个 STIX 2.1 数据包的 JSON 文件。STIX 2.0 须先转换。",
  notJson: "此文件不是 JSON：请选择另一平台导出的数据包文件。",
  noCollection: "您的组织不属于任何您有权发布的社群，因此无处可导入。",
  run: "导入",
  result: "导入结果",
  counts: {
    total: "数据包中的对象",
    added: "已添加",
    duplicates: "已存在",
    revoked: "在吊销之后",
    refused: "已拒绝",
  },
  revokedHint: "部分对象此前已被吊销：吊销是最终的，因此未接收其后续版本。",
  object: "对象",
  reason: "拒绝原因",
};
