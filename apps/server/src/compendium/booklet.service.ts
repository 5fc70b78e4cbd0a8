// A printable booklet of compendium entries (issue 3: "export of a selection as a printable PDF
// booklet"): the entries named, or those a search finds, each with its summary, body, source and
// tags, behind a cover saying what was selected and under which TLP marking the booklet travels.
// Only entries the caller may see are printed: the selection goes through the same scoped
// queries as search and reading.
import { BOOKLET_MAX_ENTRIES, type BookletQuery, type FileAnswer } from "@bulwark/contracts";
import { type Actor, compendiumPolicy, TLP_MARKINGS, type TlpMarking } from "@bulwark/core";
import { appendAudit, type EntryRecord, findEntries, searchEntries } from "@bulwark/db";
import type { z } from "zod";
import type { ServerContext } from "../context.ts";
import { invalid, notFound } from "../errors.ts";
import { en } from "../i18n/en.ts";
import { type Language, type MessageKey, say } from "../i18n/messages.ts";
import { PdfReport } from "../pdf/report.ts";

type Query = z.output<typeof BookletQuery>;

const FILTERS = ["type", "phase", "sector", "threat", "theme", "region", "country", "language"] as const;

/** "good-practice" -> "Good practice": a value no catalogue names. */
const label = (value: string) => value.charAt(0).toUpperCase() + value.slice(1).replace(/-/g, " ");

const widest = (entries: readonly EntryRecord[]): TlpMarking =>
  entries.reduce<TlpMarking>((wide, entry) => {
    const marking = entry.marking as TlpMarking;
    return TLP_MARKINGS.indexOf(marking) > TLP_MARKINGS.indexOf(wide) ? marking : wide;
  }, "clear");

type Say = (key: MessageKey, values?: Record<string, string | number>) => string;

/** A tag's value in the reader's language: facets' vocabularies, countries and languages by name. */
function tagWords(language: Language, t: Say) {
  const named = (type: "region" | "language", code: string) => {
    try {
      return new Intl.DisplayNames([language], { type }).of(code) ?? code;
    } catch {
      return code;
    }
  };
  const PREFIX: Partial<Record<(typeof FILTERS)[number], string>> = {
    type: "pdf.compendium.type",
    phase: "pdf.compendium.phase",
    sector: "pdf.sector",
    threat: "pdf.compendium.threat",
    theme: "pdf.compendium.theme",
    region: "pdf.compendium.region",
  };
  return (facet: (typeof FILTERS)[number], value: string): string => {
    if (facet === "country") return named("region", value);
    if (facet === "language") return named("language", value);
    const key = `${PREFIX[facet]}.${value}`;
    return key in en ? t(key as MessageKey) : label(value);
  };
}

/** The selection in words, for the cover. */
function describe(query: Query, count: string, t: Say, tag: ReturnType<typeof tagWords>): string {
  if (query.slugs) return t("pdf.compendium.chosen", { count });
  const parts = [
    ...(query.q ? [t("pdf.compendium.words", { words: query.q })] : []),
    ...FILTERS.flatMap((facet) => {
      const values = query[facet];
      return values && values.length > 0
        ? [
            t("pdf.compendium.filter", {
              facet: t(`pdf.compendium.facet.${facet}`),
              values: values.map((value) => tag(facet, value)).join(t("pdf.compendium.or")),
            }),
          ]
        : [];
    }),
  ];
  return parts.length > 0
    ? t("pdf.compendium.found", { filters: parts.join("; "), count })
    : t("pdf.compendium.all", { count });
}

export async function compendiumBooklet(
  context: ServerContext,
  caller: Actor,
  query: Query,
  language: Language = "en",
): Promise<FileAnswer> {
  const t: Say = (key, values) => say(language, values ? { key, values } : { key });
  const number = (value: number) => new Intl.NumberFormat(language).format(value);
  const tag = tagWords(language, t);
  const scope = compendiumPolicy.readScope(caller);
  let slugs = query.slugs ?? null;
  if (!slugs) {
    const found = await searchEntries(context.db, scope, {
      q: query.q,
      filters: Object.fromEntries(FILTERS.map((facet) => [facet, query[facet]])),
      limit: BOOKLET_MAX_ENTRIES,
      offset: 0,
    });
    if (found.total > BOOKLET_MAX_ENTRIES)
      throw invalid({
        key: "compendium.bookletTooMany",
        values: { total: found.total, max: BOOKLET_MAX_ENTRIES },
      });
    slugs = found.items.map((item) => item.slug);
  }
  const entries = await findEntries(context.db, scope, slugs);
  const missing = slugs.filter((slug) => !entries.some((entry) => entry.slug === slug));
  if (missing.length > 0) throw notFound(`entry ${missing.join(", ")}`);
  if (entries.length === 0) throw invalid("Nothing to print: the selection holds no entries.");

  const now = context.clock();
  const marking = widest(entries);
  const title = query.title ?? t("pdf.compendium.defaultTitle");
  const date = now.toISOString().slice(0, 10);
  const pdf = new PdfReport({
    title,
    marking,
    language,
    createdAt: now,
    footer: `${title} · Bulwark · ${date}`,
  });
  pdf.cover(title, t("pdf.compendium.subtitle", { count: number(entries.length) }), [
    describe(query, number(entries.length), t, tag),
    t("pdf.compendium.printed", { date }),
    t("pdf.compendium.marking", {
      marking: `${t(`pdf.compendium.sharing.${marking}`)}${marking === "clear" ? "" : ` ${t("pdf.compendium.widest")}`}`,
    }),
  ]);
  pdf.newPage();
  pdf.heading(t("pdf.compendium.contents"), 1);
  entries.forEach((entry, index) => {
    pdf.paragraph(
      `${number(index + 1)}. ${entry.title}${entry.marking === "clear" ? "" : `  [TLP:${entry.marking.toUpperCase()}]`}`,
    );
  });
  for (const entry of entries) {
    pdf.newPage();
    pdf.heading(entry.title, 1, true);
    pdf.note(
      [
        tag("type", entry.type),
        entry.source.publisher,
        entry.source.year ? String(entry.source.year) : null,
        entry.marking === "clear" ? null : `TLP:${entry.marking.toUpperCase()}`,
      ]
        .filter(Boolean)
        .join(" · "),
    );
    pdf.paragraph(entry.summary);
    pdf.markdown(entry.body, 1);
    pdf.heading(t("pdf.compendium.source"), 3);
    pdf.facts([
      [t("pdf.compendium.citation"), entry.source.citation],
      [t("pdf.compendium.publisher"), entry.source.publisher ?? ""],
      [t("pdf.compendium.year"), entry.source.year ? String(entry.source.year) : ""],
      [t("pdf.compendium.link"), entry.source.url ?? ""],
      [t("pdf.compendium.licence"), entry.source.licence ?? ""],
    ]);
    pdf.facts([
      [t("pdf.compendium.phases"), entry.phases.map((value) => tag("phase", value)).join(", ")],
      [t("pdf.compendium.sectors"), entry.sectors.map((value) => tag("sector", value)).join(", ")],
      [t("pdf.compendium.threats"), entry.threats.map((value) => tag("threat", value)).join(", ")],
      [t("pdf.compendium.themes"), entry.themes.map((value) => tag("theme", value)).join(", ")],
      [t("pdf.compendium.regions"), entry.regions.map((value) => tag("region", value)).join(", ")],
      [t("pdf.compendium.countries"), entry.countries.map((value) => tag("country", value)).join(", ")],
    ]);
  }
  const bytes = await pdf.finish();
  await context.db.transaction((tx) =>
    appendAudit(
      tx,
      {
        actorId: caller.userId,
        action: "compendium.booklet",
        targetType: "compendium",
        details: { entries: entries.length, marking, chosen: query.slugs !== undefined },
      },
      now,
    ),
  );
  return { bytes, filename: `bulwark-compendium-${date}.pdf` };
}
