// Bulwark's translations of the compendium (issue 15): the shipped pack holds every entry's title
// and summary in the five other UN languages, the loader stores them, search finds entries by
// their translated words (Chinese split by Intl.Segmenter on both sides), and the API answers in
// the reader's language, marked as Bulwark's own translation, only for entries the reader may see.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { CompendiumResults, EntryDetail, SearchResults } from "@bulwark/contracts";
import { EntryContent } from "@bulwark/contracts";
import { rowsOf, translationSource } from "@bulwark/db";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signedIn, startTestServer, type TestServer } from "../testing.ts";
import { DEMO_COMPENDIUM, loadPack, type PackEntry, PackError, readPack } from "./pack.service.ts";

const TRANSLATED = ["fr", "es", "ru", "zh", "ar"] as const;
/** Letters each language's text must hold (a translation left in English would not). */
const SCRIPT: Record<(typeof TRANSLATED)[number], RegExp> = {
  fr: /[a-zàâçéèêëîïôûùüÿœæ]/i,
  es: /[a-záéíóúñü]/i,
  ru: /\p{Script=Cyrillic}/u,
  zh: /\p{Script=Han}/u,
  ar: /\p{Script=Arabic}/u,
};
const PLACEHOLDER = /\b(TODO|TBD|FIXME|XXX)\b|lorem ipsum|\{\{|\}\}|<[a-z]+>/;

describe("the shipped compendium's translations (content)", () => {
  const pack = readPack(DEMO_COMPENDIUM);

  it("translates every entry's title and summary into the five other UN languages", () => {
    expect(pack.length).toBeGreaterThanOrEqual(70);
    const missing = pack.flatMap((entry) =>
      TRANSLATED.filter((language) => !entry.translations?.[language]).map(
        (language) => `${entry.slug}: ${language}`,
      ),
    );
    expect(missing).toEqual([]);
  });

  it("holds real text in each language: no placeholder, no summary left in English", () => {
    const bad: string[] = [];
    for (const entry of pack)
      for (const language of TRANSLATED) {
        const text = entry.translations?.[language];
        if (!text) continue;
        for (const [field, value] of [
          ["title", text.title],
          ["summary", text.summary],
        ] as const) {
          if (PLACEHOLDER.test(value)) bad.push(`${entry.slug}.${language}.${field}: placeholder`);
          if (!SCRIPT[language].test(value))
            bad.push(`${entry.slug}.${language}.${field}: not in ${language}`);
        }
        if (text.summary === entry.content.summary) bad.push(`${entry.slug}.${language}.summary: English`);
      }
    expect(bad).toEqual([]);
  });
});

describe("the shipped translations' sources (ADR 0041)", () => {
  const pack = readPack(DEMO_COMPENDIUM);

  it("name the English title and summary each translates, and those are the entries' own", () => {
    const bad: string[] = [];
    for (const entry of pack) {
      const current = translationSource(entry.content.title, entry.content.summary);
      for (const language of TRANSLATED) {
        const source = entry.translations?.[language]?.source;
        if (source === undefined) bad.push(`${entry.slug}.${language}: no source`);
        else if (source !== current)
          bad.push(
            `${entry.slug}.${language}: the English changed since (translate it again, then set source: ${current})`,
          );
      }
    }
    expect(bad).toEqual([]);
  });
});

describe("reading translations from a pack", () => {
  const folder = mkdtempSync(join(tmpdir(), "bulwark-translations-"));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));
  const write = (file: string, text: string) => {
    mkdirSync(join(folder, "translations"), { recursive: true });
    writeFileSync(join(folder, file), text);
  };
  write(
    "grid-drills.md",
    "---\ntitle: Grid drills\ntype: good-practice\nsummary: Drills for the operators of electricity grids.\nsource:\n  citation: A citation, 2024.\n---\n\nBody.\n",
  );

  it("adds each language's title and summary to its entry", () => {
    write(
      "translations/fr.yaml",
      "grid-drills:\n  title: Exercices sur les réseaux\n  summary: Des exercices pour les exploitants de réseaux électriques.\n",
    );
    const [entry] = readPack(folder);
    expect(entry?.translations).toEqual({
      fr: {
        title: "Exercices sur les réseaux",
        summary: "Des exercices pour les exploitants de réseaux électriques.",
      },
    });
    rmSync(join(folder, "translations/fr.yaml"));
  });

  it("refuses an unknown slug, a language outside the six, the entry's own language and a short summary", () => {
    write(
      "translations/de.yaml",
      "grid-drills:\n  title: Netzübungen\n  summary: Übungen für Netzbetreiber.\n",
    );
    write(
      "translations/en.yaml",
      "grid-drills:\n  title: Grid drills\n  summary: Drills for grid operators.\n",
    );
    write(
      "translations/es.yaml",
      "no-such-entry:\n  title: Simulacros\n  summary: Simulacros para los operadores.\ngrid-drills:\n  title: Simulacros\n  summary: Corto\n",
    );
    let problems: string[] = [];
    try {
      readPack(folder);
    } catch (error) {
      if (!(error instanceof PackError)) throw error;
      problems = error.problems.map(
        (problem) => `${problem.file.replace(/^.*translations\//, "")}: ${problem.message}`,
      );
    }
    expect(problems).toHaveLength(4);
    expect(problems.join("\n")).toMatch(/de\.yaml: Name the file after one of/);
    expect(problems.join("\n")).toMatch(/en\.yaml: grid-drills: the entry is written in en already/);
    expect(problems.join("\n")).toMatch(/es\.yaml: no-such-entry: no entry of the pack has this slug/);
    expect(problems.join("\n")).toMatch(/es\.yaml: grid-drills\.summary: /);
  });
});

let server: TestServer;
let pack: PackEntry[];
let cookie = "";

/** An AMBER entry of no organisation: nobody but the console may see it, in any language. */
const HIDDEN: PackEntry = {
  slug: "hidden-amber-entry",
  content: EntryContent.parse({
    title: "Restricted protection notes",
    type: "good-practice",
    summary: "Notes on protection that only their owner may read.",
    marking: "amber",
    source: { citation: "An internal note, 2025." },
  }),
  translations: {
    fr: {
      title: "Notes confidentielles de surveillance",
      summary: "Des notes que seul leur propriétaire peut lire.",
    },
    zh: { title: "机密监视笔记", summary: "只有所有者才能阅读的笔记。" },
  },
};

const get = async <T>(url: string, language: string): Promise<{ status: number; body: T }> => {
  const response = await server.inject({
    method: "GET",
    url,
    headers: { cookie, "accept-language": language },
  });
  return { status: response.statusCode, body: response.json() as T };
};
const search = async (q: string, language: string) =>
  (await get<CompendiumResults>(`/api/compendium/entries?q=${encodeURIComponent(q)}`, language)).body;

beforeAll(async () => {
  server = await startTestServer();
  pack = readPack(DEMO_COMPENDIUM);
  await loadPack(server.context, null, [...pack, HIDDEN]);
  cookie = (await signedIn(server, "member@grid.example")).cookie;
});
afterAll(() => server?.close());

describe("loading translations", () => {
  it("stores each entry's translations once, and a second load changes nothing", async () => {
    const [row] = rowsOf<{ count: number | string }>(
      await server.context.db.execute(sql`select count(*) as count from compendium_translations`),
    );
    expect(Number(row?.count)).toBe(pack.length * TRANSLATED.length + 2);
    expect(await loadPack(server.context, null, [...pack, HIDDEN])).toEqual({
      created: 0,
      updated: 0,
      unchanged: pack.length + 1,
      translations: 0,
    });
  });

  it("replaces a changed translation and removes a dropped one, and search follows", async () => {
    const changed: PackEntry = {
      ...HIDDEN,
      translations: {
        fr: { title: "Carnet de vigilance", summary: "Des notes que seul leur propriétaire peut lire." },
      },
    };
    expect((await loadPack(server.context, null, [changed])).translations).toBe(2);
    const stored = rowsOf<{ language: string; title: string }>(
      await server.context.db.execute(sql`select t.language, t.title from compendium_translations as t
        join compendium_entries as e on e.id = t.entry_id where e.slug = ${HIDDEN.slug}`),
    );
    expect(stored).toEqual([{ language: "fr", title: "Carnet de vigilance" }]);
    const words = rowsOf<{ found: boolean; old: boolean }>(
      await server.context.db.execute(sql`select s.words @@ to_tsquery('french', 'carnet') as found,
        s.words @@ to_tsquery('simple', '机密') as old
        from compendium_search as s join compendium_entries as e on e.id = s.entry_id where e.slug = ${HIDDEN.slug}`),
    );
    expect(words).toEqual([{ found: true, old: false }]);
    await loadPack(server.context, null, [HIDDEN]);
  });
});

describe("a translation the English moved away from (ADR 0041)", () => {
  const content = EntryContent.parse({
    title: "Perimeter lighting for substations",
    type: "good-practice",
    summary: "How to light a substation's fence line so that guards and cameras see intruders.",
    source: { citation: "A test note, 2026." },
  });
  const french = {
    title: "Éclairage du périmètre des postes électriques",
    summary: "Comment éclairer la clôture d'un poste pour que gardes et caméras voient les intrus.",
  };
  const entry = (summary: string, source?: string): PackEntry => ({
    slug: "stale-translation-check",
    content: { ...content, summary },
    translations: { fr: source ? { ...french, source } : french },
  });
  const read = async () => {
    const detail = (await get<EntryDetail>("/api/compendium/entries/stale-translation-check", "fr")).body;
    const listed = (await search("éclairage clôture", "fr")).items.find(
      (item) => item.slug === "stale-translation-check",
    );
    return { detail: detail.translation?.stale, listed: listed?.translation?.stale };
  };

  it("is marked stale once the English title or summary changes, in the entry and in search", async () => {
    const made = translationSource(content.title, content.summary);
    await loadPack(server.context, null, [entry(content.summary, made)]);
    expect(await read()).toEqual({ detail: false, listed: false });
    // The English summary changes; the French stays as it was.
    await loadPack(server.context, null, [
      entry(`${content.summary} And how to keep glare off roads.`, made),
    ]);
    expect(await read()).toEqual({ detail: true, listed: true });
    // Translated again from the new English: current.
    const again = translationSource(content.title, `${content.summary} And how to keep glare off roads.`);
    await loadPack(server.context, null, [
      entry(`${content.summary} And how to keep glare off roads.`, again),
    ]);
    expect(await read()).toEqual({ detail: false, listed: false });
  });

  it("is read as stale when it does not say which English it translates", async () => {
    await loadPack(server.context, null, [entry(content.summary)]);
    expect(await read()).toEqual({ detail: true, listed: true });
  });
});

describe("searching and reading in the reader's language", () => {
  it("finds an entry by its French title and answers with the French translation", async () => {
    const found = await search("cybercriminalité", "fr");
    expect(found.items[0]?.slug).toBe("coe-budapest-convention-cybercrime-2001");
    expect(found.items[0]?.translation).toEqual({
      language: "fr",
      title: "Convention du Conseil de l'Europe sur la cybercriminalité (Convention de Budapest, STE n° 185)",
      summary: expect.stringContaining("Le premier traité international"),
      by: "bulwark",
      stale: false,
    });
    expect(found.items[0]?.title).toBe(
      "Council of Europe Convention on Cybercrime (Budapest Convention, ETS No. 185)",
    );
  });

  it("finds an entry by a Chinese word of its title (split by Intl.Segmenter) and marks it in the snippet", async () => {
    const found = await search("勒索软件", "zh");
    expect(found.items[0]?.slug).toBe("case-colonial-pipeline-2021");
    expect(found.items[0]?.translation?.title).toBe("科洛尼尔管道公司勒索软件攻击事件（2021年5月）");
    const budapest = await search("布达佩斯", "zh");
    expect(budapest.items[0]?.slug).toBe("coe-budapest-convention-cybercrime-2001");
    // The Chinese summary's words marked: 网络 (network) and 犯罪 (crime), wherever they are.
    const snippet = (await search("网络犯罪", "zh")).items.find(
      (item) => item.slug === "african-union-malabo-convention-2014",
    )?.snippet;
    const hits = snippet?.filter((part) => part.hit).map((part) => part.text) ?? [];
    expect(new Set(hits)).toEqual(new Set(["网络", "犯罪"]));
    expect(snippet?.map((part) => part.text).join("")).toContain("网络安全和网络犯罪");
  });

  it("finds entries by their Arabic and Russian titles", async () => {
    const arabic = await search("الجريمة السيبرانية", "ar");
    expect(arabic.items[0]?.slug).toBe("coe-budapest-convention-cybercrime-2001");
    expect(arabic.items[0]?.translation?.language).toBe("ar");
    // The words are in the title only: the snippet is the opening of the Arabic summary.
    expect(arabic.items[0]?.snippet.map((part) => part.text).join("")).toMatch(/^أول معاهدة دولية/);
    const russian = await search("вымогатель", "ru");
    expect(russian.items[0]?.slug).toBe("case-colonial-pipeline-2021");
    expect(russian.items[0]?.translation?.title).toBe(
      "Атака программы-вымогателя на Colonial Pipeline (май 2021 года)",
    );
  });

  it("leaves English search as it was: originals, no translation", async () => {
    const found = await search("ransomware pipeline", "en");
    expect(found.items[0]?.slug).toBe("case-colonial-pipeline-2021");
    expect(found.items[0]?.translation).toBeNull();
    expect(found.items[0]?.snippet.some((part) => part.hit && /ransomware/i.test(part.text))).toBe(true);
    // An English word read by a French reader: the translated title, the snippet where the word is.
    const french = await search("ransomware pipeline", "fr");
    expect(french.items[0]?.slug).toBe("case-colonial-pipeline-2021");
    expect(french.items[0]?.translation?.title).toBe(
      "Attaque par rançongiciel contre Colonial Pipeline (mai 2021)",
    );
  });

  it("lists entries with their translation and a snippet from it when nothing is searched", async () => {
    const list = (await get<CompendiumResults>("/api/compendium/entries?limit=5", "es")).body;
    expect(list.items).toHaveLength(5);
    for (const item of list.items) {
      expect(item.translation?.language).toBe("es");
      expect(item.snippet.map((part) => part.text).join("")).toBe(
        [...(item.translation?.summary ?? "")].slice(0, 240).join(""),
      );
    }
  });

  it("gives an entry and its related entries in the reader's language, the original kept", async () => {
    const { status, body } = await get<EntryDetail>("/api/compendium/entries/res-2341-2017", "zh");
    expect(status).toBe(200);
    expect(body.title).toBe(
      "Security Council resolution 2341 (2017) on protecting critical infrastructure against terrorist attacks",
    );
    expect(body.translation).toMatchObject({ language: "zh", by: "bulwark" });
    expect(body.translation?.title).toContain("第2341(2017)号决议");
    expect(body.related.length).toBeGreaterThan(0);
    expect(body.related.every((other) => other.translation?.language === "zh")).toBe(true);
    const english = await get<EntryDetail>("/api/compendium/entries/res-2341-2017", "en");
    expect(english.body.translation).toBeNull();
  });

  it("search everything names entries by their translated title", async () => {
    const { body } = await get<SearchResults>(`/api/search?q=${encodeURIComponent("勒索软件")}`, "zh");
    const entries = body.groups.find((group) => group.kind === "compendium-entry");
    expect(entries?.items[0]?.title).toBe("科洛尼尔管道公司勒索软件攻击事件（2021年5月）");
  });

  it("never finds or shows an entry the reader may not see, in any language", async () => {
    expect((await search("confidentielles", "fr")).total).toBe(0);
    expect((await search("机密", "zh")).total).toBe(0);
    const { body } = await get<SearchResults>(`/api/search?q=${encodeURIComponent("机密")}`, "zh");
    expect(body.groups.find((group) => group.kind === "compendium-entry")).toBeUndefined();
    expect((await get(`/api/compendium/entries/${HIDDEN.slug}`, "fr")).status).toBe(404);
    // The console sees it, in French.
    const console = await server.context.db.execute(sql`select count(*) as count from compendium_search as s
      where s.words @@ to_tsquery('french', 'confidentiel')`);
    expect(Number(rowsOf<{ count: number | string }>(console)[0]?.count)).toBe(1);
  });
});
