// A STIX 2.1 bundle in the shape of a threat-sharing export (MISP, OpenCTI): indicators with their
// observables and relationships, reports, malware, identities and notes, under TLP 2.0 and 1.0
// markings or none, with custom properties and an x- type. Deterministic (seeded).
import { mulberry32, TLP_1_0_MARKING_IDS, TLP_2_0_MARKING_IDS } from "@bulwark/core";

const random = mulberry32(5);
const hex = (n: number) => Array.from({ length: n }, () => Math.floor(random() * 16).toString(16)).join("");
const uuid = () => `${hex(8)}-${hex(4)}-4${hex(3)}-${"89ab"[Math.floor(random() * 4)]}${hex(3)}-${hex(12)}`;
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
const MARKINGS = [
  [TLP_2_0_MARKING_IDS.clear],
  [TLP_2_0_MARKING_IDS.green],
  [TLP_2_0_MARKING_IDS.green],
  [TLP_2_0_MARKING_IDS.amber],
  [TLP_1_0_MARKING_IDS.white],
  [TLP_1_0_MARKING_IDS.green],
  null,
];
const stamp = (day: number, ms: number) => new Date(Date.UTC(2026, 0, 1 + day, 0, 0, 0, ms)).toISOString();

/** A bundle of `size` objects shaped like a MISP or OpenCTI export. */
export function generateBundle(size: number): {
  type: string;
  id: string;
  objects: Record<string, unknown>[];
} {
  const identity = `identity--${uuid()}`;
  const objects: Record<string, unknown>[] = [
    {
      type: "identity",
      spec_version: "2.1",
      id: identity,
      created: stamp(0, 0),
      modified: stamp(0, 0),
      name: "Example CSIRT",
      identity_class: "organization",
    },
  ];
  const common = (type: string, n: number) => {
    const created = stamp(n % 300, n % 1000);
    const markings = pick(MARKINGS);
    return {
      type,
      spec_version: "2.1",
      id: `${type}--${uuid()}`,
      created,
      modified: created,
      created_by_ref: identity,
      ...(markings ? { object_marking_refs: markings } : {}),
    };
  };
  let recent: string[] = [];
  for (let n = 1; objects.length < size; n++) {
    const roll = random();
    if (roll < 0.4) {
      const ip = `198.51.100.${n % 250}`;
      const observable = { type: "ipv4-addr", spec_version: "2.1", id: `ipv4-addr--${uuid()}`, value: ip };
      const indicator = {
        ...common("indicator", n),
        name: ip,
        pattern: `[ipv4-addr:value = '${ip}']`,
        pattern_type: "stix",
        pattern_version: "2.1",
        valid_from: stamp(n % 300, 0),
        indicator_types: ["malicious-activity"],
        labels: ['misp:type="ip-dst"', 'misp:category="Network activity"'],
        kill_chain_phases: [{ kill_chain_name: "misp-category", phase_name: "Network activity" }],
        x_opencti_score: n % 100,
      };
      const relationship = {
        ...common("relationship", n),
        relationship_type: "based-on",
        source_ref: indicator.id,
        target_ref: observable.id,
      };
      objects.push(indicator, observable, relationship);
      recent.push(indicator.id);
    } else if (roll < 0.6) {
      const domain = `host${n}.example.com`;
      objects.push({
        ...common("indicator", n),
        pattern: `[domain-name:value = '${domain}'] OR [url:value = 'https://${domain}/login']`,
        pattern_type: "stix",
        valid_from: stamp(n % 300, 0),
      });
      objects.push({ type: "domain-name", spec_version: "2.1", id: `domain-name--${uuid()}`, value: domain });
    } else if (roll < 0.75) {
      objects.push({
        ...common("malware", n),
        name: `Sample family ${n % 50}`,
        is_family: true,
        malware_types: ["trojan"],
      });
    } else if (roll < 0.85) {
      objects.push({
        ...common("note", n),
        content: "Seen in the documentation range during an exercise; no further detail.",
        object_refs: recent.length ? recent.slice(-3) : [identity],
      });
    } else if (roll < 0.95 && recent.length > 0) {
      objects.push({
        ...common("report", n),
        name: `Exercise report ${n}`,
        published: stamp(n % 300, 0),
        report_types: ["threat-report"],
        object_refs: recent,
      });
      recent = [];
    } else {
      objects.push({ ...common("x-example-sensor-hit", n), x_sensor: `sensor-${n % 20}`, x_count: n % 7 });
    }
  }
  objects.length = size;
  return { type: "bundle", id: `bundle--${uuid()}`, objects };
}
