// Every action the server writes to the audit trail has a name in all six languages. The codes come
// from two places that must agree: the registry the audit writer's type accepts (AUDIT_ACTIONS), and
// the server's own source, read here for every literal that looks like an action code, so that a
// code slipped past the type (a cast, a string built at run time from literals) still has to be in
// the registry, and so named.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { AUDIT_ACTIONS } from "@bulwark/core";
import { describe, expect, it } from "vitest";
import { ar } from "../i18n/ar.ts";
import { en } from "../i18n/en.ts";
import { es } from "../i18n/es.ts";
import { fr } from "../i18n/fr.ts";
import { ru } from "../i18n/ru.ts";
import { zh } from "../i18n/zh.ts";
import { auditActionKey } from "./audit-action-names.ts";

const ROOT = fileURLToPath(new URL("../../../..", import.meta.url));
const SOURCES = ["apps/server/src", "packages/db/src", "apps/cli/src"];

/** Literals shaped like action codes that are something else: settings, demo and message keys. */
const NOT_ACTIONS = new Set([
  "demo.assistance",
  "demo.compendium",
  "demo.events",
  "demo.exercises",
  "demo.experts",
  "demo.incidents",
  "demo.registry",
  "demo.risk",
  "demo.seeded",
  "demo.self-assessment",
  "demo.sharing",
  "federation.identity",
  "registry.version",
  // A problem detail's key in the server's catalogue (apps/server/src/i18n).
  "risk.rationale.both",
  "sharing.pseudonym-key",
  // TAXII status messages' keys in the server's catalogue.
  "taxii.refused",
  "taxii.revoked",
]);

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return entry.name === "i18n" ? [] : sourceFiles(path);
    return /\.ts$/.test(entry.name) && !/\.test(-support)?\.ts$|\.test-support\.ts$/.test(entry.name)
      ? [path]
      : [];
  });
}

const CODE = /"([a-z][a-z-]*(?:\.[a-z][a-z-]*)+)"/g;
const ACTION_FIELD = /\baction:\s*"([^"]+)"/g;

/** Every literal of the server's source that is, or looks like, an audit action code. */
function codesInSource(): Map<string, string> {
  const known: ReadonlySet<string> = new Set(AUDIT_ACTIONS);
  const prefixes = new Set(AUDIT_ACTIONS.map((code) => code.split(".")[0]));
  const found = new Map<string, string>();
  for (const file of SOURCES.flatMap((folder) => sourceFiles(join(ROOT, folder)))) {
    const text = readFileSync(file, "utf8");
    const where = file.slice(ROOT.length);
    for (const [, code = ""] of text.matchAll(CODE))
      if (known.has(code) || prefixes.has(code.split(".")[0])) found.set(code, where);
    // An `action:` field with a dotted value is an audit code whatever its prefix.
    for (const [, code = ""] of text.matchAll(ACTION_FIELD)) if (code.includes(".")) found.set(code, where);
  }
  return found;
}

const LANGUAGES = { en, fr, es, ru, zh, ar };

describe("audit action names", () => {
  it("finds the codes in the server's source, and every one is in the registry", () => {
    const found = codesInSource();
    // The reading works: it sees codes written as fields, as arguments and in several packages.
    expect(found.get("auth.sign-in")).toMatch(/^apps\/server\//);
    expect(found.get("exercises.plan")).toBeDefined();
    expect(found.get("cli.token-create")).toMatch(/^apps\/cli\//);
    const registry: ReadonlySet<string> = new Set(AUDIT_ACTIONS);
    const unknown = [...found].filter(([code]) => !registry.has(code) && !NOT_ACTIONS.has(code));
    expect(unknown).toEqual([]);
  });

  it("names every registered code in all six languages", () => {
    for (const [language, messages] of Object.entries(LANGUAGES)) {
      const names: Readonly<Record<string, string>> = messages.auditActions;
      const missing = AUDIT_ACTIONS.filter((code) => !names[auditActionKey(code)]?.trim());
      expect({ language, missing }).toEqual({ language, missing: [] });
      // No name left over for a code that no longer exists, and no two actions under one name.
      expect(Object.keys(names).sort()).toEqual(AUDIT_ACTIONS.map(auditActionKey).sort());
      expect(new Set(Object.values(names)).size).toBe(AUDIT_ACTIONS.length);
    }
  });

  it("registers each code once", () => {
    expect(new Set(AUDIT_ACTIONS).size).toBe(AUDIT_ACTIONS.length);
  });
});
