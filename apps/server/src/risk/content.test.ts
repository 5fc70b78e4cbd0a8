// The shipped risk content: the default methodology and every scenario pass the API's schemas,
// every threat family has a scenario, every MITRE ATT&CK for ICS technique cited exists (id and
// name) in MITRE's bundle (third-party/mitre-attack-ics), and every compendium entry named exists.
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { THREAT_FAMILIES } from "@bulwark/core";
import { describe, expect, it } from "vitest";
import { readDefaultMethodology, readScenarioPack } from "./content.service.ts";

// A copy of MITRE's release, with its licence: third-party/README.md.
const BUNDLE = new URL("../../../../third-party/mitre-attack-ics/ics-attack.json", import.meta.url);
const COMPENDIUM = fileURLToPath(new URL("../../../../content/compendium/", import.meta.url));

interface StixObject {
  type: string;
  name?: string;
  revoked?: boolean;
  x_mitre_deprecated?: boolean;
  external_references?: { source_name: string; external_id?: string }[];
}

/** Current (not revoked, not deprecated) ATT&CK for ICS techniques: id -> name. */
function techniques(): Map<string, string> {
  const bundle = JSON.parse(readFileSync(BUNDLE, "utf8")) as { objects: StixObject[] };
  const found = new Map<string, string>();
  for (const object of bundle.objects) {
    if (object.type !== "attack-pattern" || object.revoked || object.x_mitre_deprecated) continue;
    const id = object.external_references?.find((ref) => ref.source_name === "mitre-attack")?.external_id;
    if (id && object.name) found.set(id, object.name);
  }
  return found;
}

const pack = readScenarioPack();

describe("the shipped risk content", () => {
  it("has a valid default methodology", () => {
    const methodology = readDefaultMethodology();
    expect(methodology.formula.id).toBe("product");
    expect(methodology.basis).toMatch(/in the style of ISO 31000/i);
  });

  it("has a scenario for every threat family", () => {
    expect(new Set(pack.map((scenario) => scenario.content.family))).toEqual(new Set(THREAT_FAMILIES));
  });

  it("cites only ATT&CK for ICS techniques that exist, by their names", () => {
    const known = techniques();
    expect(known.size).toBeGreaterThan(50);
    const cited = pack.flatMap((scenario) =>
      scenario.content.attackIcs.map((technique) => [scenario.slug, technique.id, technique.name]),
    );
    expect(cited.length).toBeGreaterThan(0);
    for (const [slug, id, name] of cited) expect([slug, id, known.get(id ?? "")]).toEqual([slug, id, name]);
  });

  it("names only compendium entries that exist", () => {
    for (const scenario of pack)
      for (const slug of scenario.content.compendium)
        expect([scenario.slug, existsSync(`${COMPENDIUM}${slug}.md`)]).toEqual([scenario.slug, true]);
  });
});
