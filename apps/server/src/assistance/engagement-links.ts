// The events and compendium entries linked to an engagement. A party links only what it may see
// itself (an event under its marking, an entry under its marking: the same scopes as the events and
// compendium routes), and each reader is shown only the links it may see, filtered in SQL.
import type { Engagement, EngagementUpdate } from "@bulwark/contracts";
import { type Actor, compendiumPolicy, eventPolicy } from "@bulwark/core";
import {
  type Executor,
  engagementLinkKeys,
  engagementLinks,
  setEngagementLinks,
  visibleEntrySlugs,
  visibleEventIds,
} from "@bulwark/db";
import type { z } from "zod";
import { invalid } from "../errors.ts";

type Update = z.output<typeof EngagementUpdate>;

/** The links of engagement `id` that the caller may see. */
export async function linksFor(
  db: Executor,
  caller: Actor,
  id: string,
): Promise<Pick<Engagement, "linkedEvents" | "linkedEntries">> {
  const links = await engagementLinks(
    db,
    { events: eventPolicy.readScope(caller), entries: compendiumPolicy.readScope(caller) },
    id,
  );
  return {
    linkedEvents: links.events.map((event) => ({
      ...event,
      kind: event.kind as Engagement["linkedEvents"][number]["kind"],
      marking: event.marking as Engagement["linkedEvents"][number]["marking"],
    })),
    linkedEntries: links.entries.map((entry) => ({
      ...entry,
      marking: entry.marking as Engagement["linkedEntries"][number]["marking"],
    })),
  };
}

/** Apply the links added and removed (under the engagement's lock); 422 naming each unseen one. */
export async function changeLinks(
  tx: Executor,
  caller: Actor,
  id: string,
  input: Pick<Update, "linkedEvents" | "linkedEntries">,
): Promise<{ events: number; entries: number } | null> {
  if (!input.linkedEvents && !input.linkedEntries) return null;
  const events = input.linkedEvents ?? { add: [], remove: [] };
  const entries = input.linkedEntries ?? { add: [], remove: [] };
  const [seenEvents, seenEntries] = await Promise.all([
    visibleEventIds(tx, eventPolicy.readScope(caller), events.add),
    visibleEntrySlugs(tx, compendiumPolicy.readScope(caller), entries.add),
  ]);
  const errors = [
    ...events.add
      .map((key, index) => ({ key, index }))
      .filter(({ key }) => !seenEvents.includes(key))
      .map(({ index }) => ({ path: `body.linkedEvents.add.${index}`, message: "No such event." })),
    ...entries.add
      .map((key, index) => ({ key, index }))
      .filter(({ key }) => !seenEntries.includes(key))
      .map(({ index }) => ({
        path: `body.linkedEntries.add.${index}`,
        message: "No such compendium entry.",
      })),
  ];
  if (errors.length > 0) throw invalid("Link only events and compendium entries you may see.", errors);
  const current = await engagementLinkKeys(tx, id);
  const next = {
    eventIds: [...new Set([...current.eventIds, ...events.add])].filter(
      (key) => !events.remove.includes(key),
    ),
    entrySlugs: [...new Set([...current.entrySlugs, ...entries.add])].filter(
      (key) => !entries.remove.includes(key),
    ),
  };
  if (next.eventIds.length > 200 || next.entrySlugs.length > 200)
    throw invalid("An engagement links at most 200 events and 200 compendium entries.");
  await setEngagementLinks(tx, id, next);
  return { events: next.eventIds.length, entries: next.entrySlugs.length };
}
