// Search everything (Ctrl+K): each kind is answered by its own capability's search under that
// capability's read scope, compiled into SQL by its repository (assets: the registry's list;
// shared items: the sharing feed; entries: the compendium's full-text search; experts: the
// profile search; events: the events list; runs and risk assessments: their repositories with a
// text filter). Nothing is fetched first and filtered afterwards, so what the caller may not see
// is neither returned nor counted.
import type { SearchKind, SearchQuery, SearchResult, SearchResults } from "@bulwark/contracts";
import { SEARCH_KINDS } from "@bulwark/contracts";
import { type Actor, assetPolicy, type Language, riskPolicy, selfAssessmentPolicy } from "@bulwark/core";
import { listAssessments, listAssets, searchRuns } from "@bulwark/db";
import type { z } from "zod";
import { searchCompendium } from "../compendium/entries.service.ts";
import type { ServerContext } from "../context.ts";
import { events } from "../events/events.service.ts";
import { searchExperts } from "../experts/profiles.service.ts";
import { sharingFeed } from "../sharing/sharing.service.ts";

type Query = z.output<typeof SearchQuery>;
type Found = { total: number; items: SearchResult[] };

/** A line of context: the parts that are there, joined. */
const line = (...parts: (string | null | undefined)[]): string =>
  parts
    .filter((part): part is string => typeof part === "string" && part.trim() !== "")
    .join(" · ")
    .slice(0, 160);

/** How well a title matches the words: 3 the same, 2 starts with them, 1 a word starts with them. */
export function matchScore(title: string, q: string): number {
  const t = title.toLocaleLowerCase();
  const w = q.toLocaleLowerCase();
  if (t === w) return 3;
  if (t.startsWith(w)) return 2;
  if (t.split(/[\s\p{P}]+/u).some((word) => word.startsWith(w))) return 1;
  return 0;
}

const searchers: Record<
  SearchKind,
  (context: ServerContext, caller: Actor, q: string, limit: number, language: Language) => Promise<Found>
> = {
  asset: async (context, caller, q, limit) => {
    const page = await listAssets(context.db, assetPolicy.readScope(caller), {
      q,
      limit,
      offset: 0,
      order: "match",
    });
    return {
      total: page.total,
      items: page.items.map((asset) => ({
        kind: "asset",
        id: asset.id,
        title: asset.name,
        context: line(asset.ref, asset.operator.name),
        href: `/assets/${asset.id}`,
      })),
    };
  },
  "shared-item": async (context, caller, q, limit) => {
    const feed = await sharingFeed(context, caller, { q, limit, offset: 0 });
    return {
      total: feed.total,
      items: feed.items.map((item) => ({
        kind: "shared-item",
        id: item.id,
        title: item.title,
        context: line(`TLP:${item.tlp.toUpperCase()}`, item.organisation.name),
        href: `/sharing/${item.id}`,
      })),
    };
  },
  "compendium-entry": async (context, caller, q, limit, language) => {
    // Titles in the reader's language where Bulwark translated them (the snippet follows).
    const found = await searchCompendium(context, caller, { q, limit, offset: 0 }, language);
    return {
      total: found.total,
      items: found.items.map((entry) => ({
        kind: "compendium-entry",
        id: entry.id,
        title: entry.translation?.title ?? entry.title,
        context: line(
          entry.snippet.map((part) => part.text).join("") || entry.translation?.summary || entry.summary,
        ),
        href: `/compendium/${entry.slug}`,
      })),
    };
  },
  expert: async (context, caller, q, limit) => {
    const page = await searchExperts(context, caller, { q, limit, offset: 0 });
    return {
      total: page.total,
      items: page.items.map((expert) => ({
        kind: "expert",
        id: expert.userId,
        title: expert.name,
        context: line(expert.headline, expert.organisation.name),
        href: `/experts/${expert.userId}`,
      })),
    };
  },
  event: async (context, caller, q, limit) => {
    const page = await events(context, caller, { when: "all", q, limit, offset: 0 });
    return {
      total: page.total,
      items: page.items.map((event) => ({
        kind: "event",
        id: event.id,
        title: event.title,
        context: line(event.startsOn, event.host.name, event.venue),
        href: `/events/${event.id}`,
      })),
    };
  },
  "self-assessment-run": async (context, caller, q, limit) => {
    const page = await searchRuns(context.db, selfAssessmentPolicy.readScope(caller), q, limit);
    return {
      total: page.total,
      items: page.items.map((run) => ({
        kind: "self-assessment-run",
        id: run.id,
        title: run.title,
        context: line(run.frameworkTitle, run.organisation.name),
        href: `/self-assessment/runs/${run.id}`,
      })),
    };
  },
  "risk-assessment": async (context, caller, q, limit) => {
    const today = context.clock().toISOString().slice(0, 10);
    const page = await listAssessments(
      context.db,
      riskPolicy.readScope(caller),
      { q, today, dueSoonUntil: today },
      { sort: "-updatedAt", limit, offset: 0 },
    );
    return {
      total: page.total,
      items: page.items.map((assessment) => ({
        kind: "risk-assessment",
        id: assessment.id,
        title: assessment.title,
        context: line(assessment.scenarioTitle, assessment.organisationName),
        href: `/risk/${assessment.id}`,
      })),
    };
  },
};

export async function searchEverything(
  context: ServerContext,
  caller: Actor,
  query: Query,
  language: Language = "en",
): Promise<SearchResults> {
  const kinds = query.kinds ?? [...SEARCH_KINDS];
  const found = await Promise.all(
    kinds.map(async (kind) => ({
      kind,
      ...(await searchers[kind](context, caller, query.q, query.limit, language)),
    })),
  );
  const groups = found
    .filter((group) => group.items.length > 0)
    .map((group) => {
      const scores = group.items.map((item) => matchScore(item.title, query.q));
      // The compendium ranks its own hits (full text); elsewhere the title's match orders them.
      const items =
        group.kind === "compendium-entry"
          ? group.items
          : group.items
              .map((item, at) => ({ item, score: scores[at] ?? 0, at }))
              .sort((a, b) => b.score - a.score || a.at - b.at)
              .map(({ item }) => item);
      return { ...group, items, best: Math.max(...scores) };
    });
  // Best title match first; ties keep the order of SEARCH_KINDS.
  groups.sort((a, b) => b.best - a.best || SEARCH_KINDS.indexOf(a.kind) - SEARCH_KINDS.indexOf(b.kind));
  return { q: query.q, groups: groups.map(({ kind, total, items }) => ({ kind, total, items })) };
}
