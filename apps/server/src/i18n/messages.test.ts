// The server's message catalogue is complete in the six languages (the same keys as English, the
// same {{placeholders}}, no empty or untranslated sentence), and the language of an answer is
// chosen as documented: Accept-Language first, then the account's, then English.
import {
  buildGraph,
  checkAttachment,
  checkSitrepDeed,
  checkStixBundle,
  checkStixObjects,
  LANGUAGES,
  readAssetsCsv,
  SITREP_STATUSES,
} from "@bulwark/core";
import { describe, expect, it } from "vitest";
import { custodyReason } from "../incidents/evidence.service.ts";
import { en, type MessageKey } from "./en.ts";
import {
  acceptedLanguage,
  CATALOGUES,
  issueMessage,
  languageOf,
  pluralBlocks,
  say,
  translated,
} from "./messages.ts";

// Each placeholder once, counted ones included ({{count, plural, …}}), whatever the branches repeat.
const placeholders = (text: string): string[] =>
  [...new Set([...text.matchAll(/\{\{(\w+)(?:\}\}|, plural,)/g)].map((m) => m[1] ?? ""))].sort();

describe("the server's message catalogue", () => {
  const keys = Object.keys(en).sort();
  for (const language of LANGUAGES.filter((l) => l !== "en"))
    it(`holds every English message in ${language}, with the same placeholders`, () => {
      const catalogue = CATALOGUES[language];
      expect(Object.keys(catalogue).sort()).toEqual(keys);
      for (const key of keys as MessageKey[]) {
        const text = catalogue[key];
        expect(text.trim(), `${language} ${key}`).not.toBe("");
        expect(placeholders(text), `${language} ${key}`).toEqual(placeholders(en[key]));
        // A count is said in every plural form the language has (Arabic six, Russian four).
        const forms = new Intl.PluralRules(language).resolvedOptions().pluralCategories;
        for (const block of pluralBlocks(text))
          expect(block.categories.sort(), `${language} ${key} {{${block.name}}}`).toEqual([...forms].sort());
        // A sentence of more than three words left in English is a missing translation.
        if (en[key].split(" ").length > 3) expect(text, `${language} ${key}`).not.toBe(en[key]);
      }
    });
});

describe("the language of an answer", () => {
  it("takes the first of the six that Accept-Language names, by quality", () => {
    expect(acceptedLanguage("fr-CA,fr;q=0.9,en;q=0.8")).toBe("fr");
    expect(acceptedLanguage("de-DE, ar;q=0.5, en;q=0.4")).toBe("ar");
    expect(acceptedLanguage("en;q=0.2, zh-Hans-CN;q=0.9")).toBe("zh");
    expect(acceptedLanguage("ru;q=0, es")).toBe("es");
    expect(acceptedLanguage("de, ja")).toBeNull();
    expect(acceptedLanguage(undefined)).toBeNull();
  });

  it("falls back to the account's language, then to English", () => {
    expect(languageOf("de", "ru")).toBe("ru");
    expect(languageOf(undefined, "ar")).toBe("ar");
    expect(languageOf("fr", "ar")).toBe("fr");
    expect(languageOf("de", null)).toBe("en");
    expect(languageOf(undefined, "xx")).toBe("en");
  });

  it("fills placeholders, formatting amounts for the language", () => {
    const message = {
      key: "detail.locked",
      values: { duration: (language: string) => (language === "fr" ? "60 secondes" : "60 seconds") },
    } as const;
    expect(say("en", message)).toBe(
      "This account is locked after repeated failures: try again in 60 seconds.",
    );
    expect(say("fr", message)).toContain("60 secondes");
  });

  it("says a count by the language's plural rules, in its digits, with no sentence built from pieces", () => {
    const problems = (count: number) => ({ key: "registry.importFailed", values: { count } }) as const;
    expect(say("en", problems(1))).toBe("1 problem in the files: nothing was imported.");
    expect(say("en", problems(1200))).toBe("1,200 problems in the files: nothing was imported.");
    expect(say("ru", problems(1))).toMatch(/^В файлах 1 проблема:/);
    expect(say("ru", problems(3))).toMatch(/^В файлах 3 проблемы:/);
    expect(say("ru", problems(25))).toMatch(/^В файлах 25 проблем:/);
    expect(say("ar", problems(1))).toMatch(/^مشكلة واحدة /);
    expect(say("ar", problems(2))).toMatch(/^مشكلتان /);
    expect(say("ar", problems(3))).toContain("مشكلات");
    expect(say("ar", problems(11))).toContain("مشكلة");
    expect(say("fr", problems(2))).toMatch(/^2 problèmes /);
    expect(say("zh", problems(7))).toContain("7 个问题");
    // A branch may hold another placeholder.
    const rule = {
      key: "registry.serviceRule",
      values: { asset: "Pump 4", k: 1, suppliers: 2, service: "power", hours: 1 },
    } as const;
    expect(say("en", rule)).toBe(
      "Pump 4 already needs 1 of its 2 power suppliers with 1 buffer hour: every supplier of one service shares that rule.",
    );
  });

  it("writes numbers inside a sentence as the language writes them, identifiers as given", () => {
    const first = { key: "registry.importFailedFirst", values: { count: 1500, shown: 1000 } } as const;
    expect(say("en", first)).toBe(
      "1,500 problems in the files: nothing was imported. The first 1,000 are listed.",
    );
    // French and Russian group by a narrow no-break space, Spanish by a dot: whatever ICU gives.
    for (const language of ["fr", "ru", "es", "ar", "zh"] as const)
      expect(say(language, first), language).toContain(new Intl.NumberFormat(language).format(1000));
    expect(say("fr", first)).toContain("1\u202f000");
    // Spanish groups from five digits on (1000, but 12.000).
    expect(say("es", first)).toContain("los 1000 primeros");
    expect(say("es", { ...first, values: { count: 12_000, shown: 1000 } })).toMatch(/^12\.000 problemas/);
    const range = { key: "rows.between", values: { min: -0.5, max: 1250.75, value: "2000,5" } } as const;
    expect(say("fr", range)).toBe("doit être compris entre -0,5 et 1\u202f250,75, et non 2000,5");
    expect(say("en", range)).toBe("must be from -0.5 to 1,250.75, not 2000,5");
    // A year is an identifier: passed as text, never grouped.
    const year = { key: "exercise.outsideYears", values: { title: "Dam", year: "2026" } } as const;
    expect(say("en", year)).toBe('"Dam" (2026) falls outside these years.');
  });

  it("says core's registry and graph checks in the caller's language, the English kept for the CLI", () => {
    const read = readAssetsCsv("id,name,sector\nA,Alpha,bakeries\n");
    const [problem] = read.problems;
    if (!problem) throw new Error("no problem found");
    expect(problem).toMatchObject({ line: 2, column: "sector" });
    expect(say("en", problem.sentence)).toBe(problem.message);
    expect(say("fr", problem.sentence)).toMatch(/^« bakeries » n'est pas un secteur : energy-electricity, /);
    const built = buildGraph(
      [
        { id: "A", sector: "health" },
        { id: "B", sector: "health" },
      ],
      [{ dependent: "A", supplier: "B", service: "power", k: 3 }],
    );
    const [issue] = built.issues;
    if (!issue) throw new Error("no issue found");
    expect(issue.message).toBe("needs 3 suppliers of this service but the asset has 1");
    expect(say("en", issue.sentence)).toBe(issue.message);
    expect(say("ru", issue.sentence)).toBe("требуется 3 поставщика этой услуги, а у объекта их 1");
    expect(say("ru", { ...issue.sentence, values: { k: 5, n: 1 } })).toBe(
      "требуется 5 поставщиков этой услуги, а у объекта их 1",
    );
    expect(say("ar", { ...issue.sentence, values: { k: 2, n: 1 } })).toBe(
      "يحتاج إلى موردَين لهذه الخدمة، لكن لدى الأصل 1",
    );
    expect(say("zh", issue.sentence)).toBe("需要此服务的 3 个供应方，但该资产只有 1 个");
  });

  it("says core's reasons that carry values in the caller's language, the values kept", () => {
    expect(translated("fr", "This item is TLP:AMBER and you are not in its audience.")).toBe(
      "Cet élément est TLP:AMBER et vous ne faites pas partie de ses destinataires.",
    );
    expect(translated("ru", "Only a platform administrator can change these fields: kind, country.")).toBe(
      "Изменять эти поля может только администратор платформы: kind, country.",
    );
    expect(translated("fr", "This item is TLP:AMBER and you are in it.")).toBe(
      "This item is TLP:AMBER and you are in it.",
    );
  });

  it("translates an English sentence the catalogue knows and leaves any other text as it is", () => {
    expect(translated("fr", "Wrong or expired code.")).toBe("Code erroné ou expiré.");
    expect(translated("fr", "Some sentence the catalogue does not hold.")).toBe(
      "Some sentence the catalogue does not hold.",
    );
  });

  it("says zod's own validation messages in the caller's language and keeps custom ones", () => {
    const tooShort = {
      code: "too_small",
      message: "Too small: expected string to have >=3 characters",
      params: { origin: "string", minimum: 3, inclusive: true },
    };
    expect(issueMessage("fr", tooShort)).toMatch(/^Trop petit/);
    expect(issueMessage("en", tooShort)).toBe(tooShort.message);
    expect(issueMessage("fr", { code: "custom", message: "A code is six digits.", params: {} })).toBe(
      "Un code comporte six chiffres.",
    );
  });
});

describe("situation reports' conflicts", () => {
  it("are said in every language: each 409 reason core gives for an edit, approval or sending", () => {
    const incident = { maySee: true, asAuthority: false, asFiler: true, reason: "" };
    const viewer = (userId: string) => ({
      userId,
      organisationId: "grid",
      organisationKind: "public-operator" as const,
      roles: ["coordinator" as const],
      communityIds: [],
    });
    const reasons = new Set<string>();
    for (const status of SITREP_STATUSES)
      for (const deed of ["edit", "approve", "send"] as const)
        for (const userId of ["author", "colleague"]) {
          const decision = checkSitrepDeed(
            viewer(userId),
            incident,
            { authorId: "author", authorOrganisationId: "grid", approverId: "colleague", status },
            deed,
          );
          if (decision.outcome === "conflict") reasons.add(decision.reason);
        }
    expect(reasons.size).toBe(6);
    for (const reason of reasons)
      for (const language of LANGUAGES.filter((l) => l !== "en"))
        expect(translated(language, reason), `${language}: ${reason}`).not.toBe(reason);
  });

  it("says the custody check's reasons and an attachment's mismatch in the caller's language", () => {
    const ends = { key: "custody.endsEarly", values: { last: 3, head: 5 } } as const;
    expect(custodyReason("en", ends)).toBe(
      "the chain ends at record 3, the audit trail last recorded record 5",
    );
    expect(custodyReason("fr", ends)).toContain("l'enregistrement 3");
    expect(custodyReason("ar", ends)).toContain(`السجل ${new Intl.NumberFormat("ar").format(3)}،`);
    expect(custodyReason("ru", { key: "custody.unaudited" })).toBe("в журнале аудита нет записи о нём");
    const altered = "its content does not match its hash (the entry was altered)";
    expect(custodyReason("en", { key: "custody.link", link: altered })).toBe(altered);
    expect(custodyReason("es", { key: "custody.link", link: altered })).toContain("alterada");
    const mismatch = checkAttachment(
      { mediaType: "image/png", bytes: new Uint8Array([1, 2, 3]) },
      {
        files: 0,
        bytes: 0,
      },
    );
    if (mismatch?.kind !== "mismatch") throw new Error("no mismatch found");
    expect(say("en", mismatch.detail)).toBe(
      "The file was sent as image/png but is not a PNG image (its signature is missing).",
    );
    expect(say("zh", mismatch.detail)).toBe("文件以 image/png 类型发送，但不是 PNG 图像（缺少其文件签名）。");
  });

  it("says a STIX check's problems in the caller's language, the English kept", () => {
    const badId = checkStixBundle({ type: "bundle", id: "bundle--x", objects: [] });
    const badObject = checkStixObjects([{ type: "indicator" }]);
    if (badId.ok || badObject.ok) throw new Error("accepted a bad bundle");
    const [bundleId] = badId.problems;
    const [objectId] = badObject.problems;
    expect(bundleId).toMatchObject({ property: "id", message: "must be bundle--UUID" });
    expect(objectId).toMatchObject({ index: 0, property: "id", message: "must be indicator--UUID" });
    if (!bundleId || !objectId) throw new Error("no problems");
    expect(say("fr", bundleId.sentence)).toBe("doit être de la forme bundle--UUID");
    expect(say("ru", objectId.sentence)).toBe("должно иметь вид indicator--UUID");
    expect(say("en", objectId.sentence)).toBe(objectId.message);
  });
});
