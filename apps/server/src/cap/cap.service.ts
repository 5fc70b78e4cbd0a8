// Alerts as CAP 1.2: the message of one alert, and an Atom feed of the current public ones.
// Who reads what is the sharing rule: a signed-in viewer reads the CAP of any alert the TLP rule
// lets them see (visibleSharedItems, in SQL); anyone reads a TLP:CLEAR alert that went out
// (publicSharedItems, in SQL). Anything else is "not found", whether it exists or not. The text
// is the item's public (pseudonymised) title, body and warning, whoever asks. The area's circles
// come only from the assets the reader may see (their asset read scope; the public's, TLP:CLEAR
// assets, for anyone not signed in), read now: an alert cannot place an asset on a map for someone
// who may not read it.
import {
  type Actor,
  type AssetReadScope,
  assetPolicy,
  atomXml,
  type CapSource,
  capXml,
  currentCapMessage,
  markingOf,
  warningOf,
} from "@bulwark/core";
import {
  assetMentions,
  findPublicAlert,
  findSharedItem,
  listCurrentPublicAlerts,
  type SharedItemRecord,
  sharingViewer,
} from "@bulwark/db";
import type { ServerContext } from "../context.ts";
import { notFound } from "../errors.ts";

export const CAP_FEED_PATH = "/api/cap/alerts.atom";
/** The stable address of an alert's CAP message (its latest: Alert, Update or Cancel). */
export const capPath = (itemId: string): string => `/api/cap/alerts/${itemId}.xml`;

async function capSource(
  context: ServerContext,
  item: SharedItemRecord,
  origin: string,
  scope: AssetReadScope,
): Promise<CapSource> {
  const assets = (await assetMentions(context.db, scope, item.assetIds)).visible;
  return {
    itemId: item.id,
    title: item.publicTitle,
    publicBody: item.publicBody,
    tlp: markingOf(item.tlp),
    status: item.status === "withdrawn" ? "withdrawn" : "published",
    organisationName: item.organisation.name,
    warning: warningOf(item.publicWarning, item.publicTitle),
    assets,
    sent: item.capSent,
    sender: new URL(origin).hostname,
    web: `${origin}/sharing/${item.id}`,
  };
}

/** The CAP message of an alert as this caller (or, with none, anyone) may read it. */
export async function capMessageXml(
  context: ServerContext,
  caller: Actor | null,
  itemId: string,
  origin: string,
): Promise<{ xml: string; isPublic: boolean }> {
  const visible = caller
    ? await findSharedItem(context.db, await sharingViewer(context.db, caller), itemId)
    : null;
  const item = visible ?? (await findPublicAlert(context.db, itemId));
  const message =
    item && item.type === "alert" && (item.status === "published" || item.status === "withdrawn")
      ? currentCapMessage(await capSource(context, item, origin, assetPolicy.viewScope(caller)))
      : null;
  if (!item || !message) throw notFound("alert");
  return { xml: capXml(message), isPublic: item.tlp === "clear" };
}

/** The Atom feed of current TLP:CLEAR alerts (published, not withdrawn, not expired). */
export async function capFeedXml(context: ServerContext, origin: string): Promise<string> {
  const now = context.clock();
  const items = await listCurrentPublicAlerts(context.db, now);
  return atomXml({
    id: `${origin}${CAP_FEED_PATH}`,
    title: "Current public alerts (TLP:CLEAR, CAP 1.2)",
    selfUrl: `${origin}${CAP_FEED_PATH}`,
    authorName: `Bulwark at ${new URL(origin).hostname}`,
    now: now.toISOString(),
    entries: items.map((item) => {
      const warning = warningOf(item.publicWarning, item.publicTitle);
      return {
        id: `urn:uuid:${item.id}`,
        title: item.publicTitle,
        summary: `${warning.event}: severity ${warning.severity}, urgency ${warning.urgency}, certainty ${warning.certainty}.`,
        updated: item.capSent.at(-1) ?? item.updatedAt,
        published: item.capSent[0] ?? item.publishedAt ?? item.updatedAt,
        authorName: item.organisation.name,
        capUrl: `${origin}${capPath(item.id)}`,
        categories: warning.categories,
      };
    }),
  });
}
