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
import { PdfReport } from "../pdf/report.ts";

type Query = z.output<typeof BookletQuery>;

const FILTERS = ["type", "phase", "sector", "threat", "theme", "region", "country", "language"] as const;

/** What each marking lets a reader of the booklet do (TLP 2.0, in short). */
const SHARING: Record<TlpMarking, string> = {
  clear: "TLP:CLEAR: may be shared without limit, subject to copyright.",
  green: "TLP:GREEN: may be shared within your community (peers and partners), not in public channels.",
  amber: "TLP:AMBER: only within your organisation and its clients, on a need-to-know basis.",
  "amber+strict": "TLP:AMBER+STRICT: only within your organisation, on a need-to-know basis.",
  red: "TLP:RED: only for the people it was given to.",
};

/** "good-practice" -> "Good practice" */
const label = (value: string) => value.charAt(0).toUpperCase() + value.slice(1).replace(/-/g, " ");

const widest = (entries: readonly EntryRecord[]): TlpMarking =>
  entries.reduce<TlpMarking>((wide, entry) => {
    const marking = entry.marking as TlpMarking;
    return TLP_MARKINGS.indexOf(marking) > TLP_MARKINGS.indexOf(wide) ? marking : wide;
  }, "clear");

/** The selection in words, for the cover. */
function describe(query: Query, count: number): string {
  if (query.slugs) return `${count} entries chosen one by one.`;
  const parts = [
    ...(query.q ? [`words "${query.q}"`] : []),
    ...FILTERS.flatMap((facet) => {
      const values = query[facet];
      return values && values.length > 0 ? [`${facet}: ${values.map(label).join(" or ")}`] : [];
    }),
  ];
  const found = count === 1 ? "The entry" : `The ${count} entries`;
  return parts.length > 0 ? `${found} found for ${parts.join("; ")}.` : `${found} of the compendium.`;
}

export async function compendiumBooklet(
  context: ServerContext,
  caller: Actor,
  query: Query,
): Promise<FileAnswer> {
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
      throw invalid(
        `${found.total} entries match; a booklet holds at most ${BOOKLET_MAX_ENTRIES}. Add words or filters, or choose entries.`,
      );
    slugs = found.items.map((item) => item.slug);
  }
  const entries = await findEntries(context.db, scope, slugs);
  const missing = slugs.filter((slug) => !entries.some((entry) => entry.slug === slug));
  if (missing.length > 0) throw notFound(`entry ${missing.join(", ")}`);
  if (entries.length === 0) throw invalid("Nothing to print: the selection holds no entries.");

  const now = context.clock();
  const marking = widest(entries);
  const title = query.title ?? "Compendium of good practices";
  const date = now.toISOString().slice(0, 10);
  const pdf = new PdfReport({
    title,
    marking,
    language: "en",
    createdAt: now,
    footer: `${title} · Bulwark · ${date}`,
  });
  pdf.cover(
    title,
    `Protection of critical infrastructure against terrorist attacks: ${entries.length} ${entries.length === 1 ? "entry" : "entries"} from Bulwark's compendium`,
    [
      describe(query, entries.length),
      `Printed on ${date}. Each entry names its public source; read the source before relying on a summary.`,
      `Marking: ${SHARING[marking]}${marking === "clear" ? "" : " It is the widest marking of the entries inside; each entry shows its own."}`,
    ],
  );
  pdf.newPage();
  pdf.heading("Contents", 1);
  entries.forEach((entry, index) => {
    pdf.paragraph(
      `${index + 1}. ${entry.title}${entry.marking === "clear" ? "" : `  [TLP:${entry.marking.toUpperCase()}]`}`,
    );
  });
  for (const entry of entries) {
    pdf.newPage();
    pdf.heading(entry.title, 1, true);
    pdf.note(
      [
        label(entry.type),
        entry.source.publisher,
        entry.source.year ? String(entry.source.year) : null,
        entry.marking === "clear" ? null : `TLP:${entry.marking.toUpperCase()}`,
      ]
        .filter(Boolean)
        .join(" · "),
    );
    pdf.paragraph(entry.summary);
    pdf.markdown(entry.body, 1);
    pdf.heading("Source", 3);
    pdf.facts([
      ["Citation", entry.source.citation],
      ["Publisher", entry.source.publisher ?? ""],
      ["Year", entry.source.year ? String(entry.source.year) : ""],
      ["Link", entry.source.url ?? ""],
      ["Licence", entry.source.licence ?? ""],
    ]);
    pdf.facts([
      ["Phases", entry.phases.map(label).join(", ")],
      ["Sectors", entry.sectors.map(label).join(", ")],
      ["Threats", entry.threats.map(label).join(", ")],
      ["Themes", entry.themes.map(label).join(", ")],
      ["Regions", entry.regions.map(label).join(", ")],
      ["Countries", entry.countries.join(", ")],
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
