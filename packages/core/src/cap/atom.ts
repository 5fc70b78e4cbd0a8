// An Atom feed (RFC 4287) of current alerts, each entry linking to its CAP 1.2 message, as
// alerting hubs read them. The feed and every entry carry the elements RFC 4287 requires: id,
// title, updated, and an author (the feed's, inherited by entries) and links.
import { buildXml } from "../xml/xml.ts";
import { CAP_MEDIA_TYPE } from "./message.ts";

export const ATOM_NAMESPACE = "http://www.w3.org/2005/Atom";
export const ATOM_MEDIA_TYPE = "application/atom+xml";

export interface AtomEntry {
  /** A permanent IRI for the entry (the same across updates). */
  readonly id: string;
  readonly title: string;
  readonly summary: string;
  /** When the entry last changed (RFC 3339). */
  readonly updated: string;
  readonly published: string;
  readonly authorName: string;
  /** The CAP message's URL. */
  readonly capUrl: string;
  readonly categories: readonly string[];
}

export interface AtomFeed {
  readonly id: string;
  readonly title: string;
  /** The feed's own URL. */
  readonly selfUrl: string;
  readonly authorName: string;
  /** When the feed last changed: the latest entry's, or `now` when it has none. */
  readonly now: string;
  readonly entries: readonly AtomEntry[];
}

const rfc3339 = (value: string) => new Date(value).toISOString();

export function atomXml(feed: AtomFeed): string {
  const latest = feed.entries.map((entry) => rfc3339(entry.updated)).sort();
  const document = {
    "?xml": { "@_version": "1.0", "@_encoding": "UTF-8" },
    feed: {
      "@_xmlns": ATOM_NAMESPACE,
      id: feed.id,
      title: feed.title,
      updated: latest.at(-1) ?? rfc3339(feed.now),
      author: { name: feed.authorName },
      link: { "@_rel": "self", "@_type": ATOM_MEDIA_TYPE, "@_href": feed.selfUrl },
      ...(feed.entries.length
        ? {
            entry: feed.entries.map((entry) => ({
              id: entry.id,
              title: entry.title,
              updated: rfc3339(entry.updated),
              published: rfc3339(entry.published),
              author: { name: entry.authorName },
              link: { "@_rel": "alternate", "@_type": CAP_MEDIA_TYPE, "@_href": entry.capUrl },
              ...(entry.categories.length
                ? { category: entry.categories.map((term) => ({ "@_term": term })) }
                : {}),
              summary: entry.summary,
            })),
          }
        : {}),
    },
  };
  return buildXml(document, { suppressEmptyNode: true });
}
