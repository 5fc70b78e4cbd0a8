// An alert as a CAP 1.2 message (alert / info / area), and its XML. Each message an alert has sent
// (first the Alert, then an Update after each revision of its warning, and a Cancel when it is
// withdrawn) has an identifier of its own that never changes, and later ones reference the earlier
// ones. The text is the item's public (pseudonymised) body, never the one as written.

import { TLP_BANNERS } from "../policy/sharing-policy.ts";
import type { TlpMarking } from "../vocabulary.ts";
import { buildXml } from "../xml/xml.ts";
import {
  type AlertWarning,
  assetCircles,
  type GeoCircle,
  type GeoPoint,
  type LocatedAsset,
} from "./warning.ts";

export const CAP_NAMESPACE = "urn:oasis:names:tc:emergency:cap:1.2";
export const CAP_MEDIA_TYPE = "application/cap+xml";

export type CapMsgType = "Alert" | "Update" | "Cancel";

/** What the mapping needs of an alert. */
export interface CapSource {
  readonly itemId: string;
  readonly title: string;
  /** The pseudonymised body (Markdown). */
  readonly publicBody: string;
  readonly tlp: TlpMarking;
  readonly status: "published" | "withdrawn";
  readonly organisationName: string;
  readonly warning: AlertWarning;
  readonly assets: readonly LocatedAsset[];
  /** When each message of the alert went out (RFC 3339), oldest first: the Alert, its Updates, a Cancel. */
  readonly sent: readonly string[];
  /** The originator: this installation's host name. */
  readonly sender: string;
  /** The alert's page, when known. */
  readonly web?: string | undefined;
}

export interface CapReference {
  readonly sender: string;
  readonly identifier: string;
  readonly sent: string;
}

export interface CapArea {
  readonly areaDesc: string;
  readonly polygons: string[];
  readonly circles: string[];
}

export interface CapInfo {
  readonly language: string;
  readonly categories: readonly string[];
  readonly event: string;
  readonly urgency: string;
  readonly severity: string;
  readonly certainty: string;
  readonly expires: string | null;
  readonly senderName: string;
  readonly headline: string;
  readonly description: string;
  readonly instruction: string | null;
  readonly web: string | null;
  readonly area: CapArea | null;
}

export interface CapMessage {
  readonly identifier: string;
  readonly sender: string;
  readonly sent: string;
  /** Actual for real alerts; Exercise for an exercise's injects (core/exercises/cap.ts). */
  readonly status: "Actual" | "Exercise";
  readonly msgType: CapMsgType;
  readonly scope: "Public" | "Restricted";
  readonly restriction: string | null;
  readonly code: string;
  readonly note: string | null;
  readonly references: readonly CapReference[];
  readonly info: CapInfo;
}

/** CAP date-times: seconds, and the zone as +hh:mm (never Z, never fractions), here UTC. */
export function capDateTime(value: string | Date): string {
  const date = typeof value === "string" ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) throw new Error(`Not a date-time: ${String(value)}`);
  return `${date.toISOString().slice(0, 19)}+00:00`;
}

/** The identifier of the n-th message (1-based) of an alert: stable, no spaces, commas, < or &. */
export const capIdentifier = (itemId: string, n: number): string => `bulwark-alert-${itemId}-${n}`;

const MSG_TYPES = (count: number, withdrawn: boolean): CapMsgType[] =>
  Array.from({ length: count }, (_, index) =>
    index === 0 ? "Alert" : withdrawn && index === count - 1 ? "Cancel" : "Update",
  );

const coordinate = (value: number) => String(Number(value.toFixed(6)));
const pair = (point: GeoPoint) => `${coordinate(point.lat)},${coordinate(point.lon)}`;

/** A CAP polygon: space-separated lat,lon pairs, the first repeated at the end. */
export function capPolygon(points: readonly GeoPoint[]): string {
  const first = points[0];
  const last = points.at(-1);
  if (!first || !last) throw new Error("A polygon needs points.");
  const closed = first.lat === last.lat && first.lon === last.lon ? points : [...points, first];
  if (closed.length < 4) throw new Error("A CAP polygon needs at least three distinct points.");
  return closed.map(pair).join(" ");
}

/** A CAP circle: the centre as lat,lon, a space, the radius in kilometres. */
export const capCircle = (circle: GeoCircle): string => `${pair(circle)} ${coordinate(circle.radiusKm)}`;

/** The area of an alert: the author's shapes and the circles around its (shareable) assets. */
export function capArea(source: Pick<CapSource, "warning" | "tlp" | "assets">): CapArea | null {
  const { area } = source.warning;
  const fromAssets = assetCircles(source.warning, source.tlp, source.assets).circles;
  const polygons = area.polygons.map(capPolygon);
  const circles = [...area.circles, ...fromAssets].map(capCircle);
  if (!area.description && polygons.length === 0 && circles.length === 0) return null;
  return { areaDesc: area.description, polygons, circles };
}

/** Every message the alert has sent, oldest first (the last one is what its URL serves). */
export function capMessages(source: CapSource): CapMessage[] {
  if (source.sent.length === 0) return [];
  const types = MSG_TYPES(source.sent.length, source.status === "withdrawn");
  const banner = TLP_BANNERS[source.tlp];
  const sentTimes = source.sent.map(capDateTime);
  const info: CapInfo = {
    language: source.warning.language,
    categories: source.warning.categories,
    event: source.warning.event,
    urgency: source.warning.urgency,
    severity: source.warning.severity,
    certainty: source.warning.certainty,
    expires: source.warning.expires ? capDateTime(source.warning.expires) : null,
    senderName: source.organisationName,
    headline: source.title,
    description: source.publicBody,
    instruction: source.warning.instruction,
    web: source.web ?? null,
    area: capArea(source),
  };
  return types.map((msgType, index) => {
    const references = sentTimes.slice(0, index).map((sent, earlier) => ({
      sender: source.sender,
      identifier: capIdentifier(source.itemId, earlier + 1),
      sent,
    }));
    return {
      identifier: capIdentifier(source.itemId, index + 1),
      sender: source.sender,
      sent: sentTimes[index] ?? "",
      status: "Actual",
      msgType,
      scope: source.tlp === "clear" ? "Public" : "Restricted",
      restriction: source.tlp === "clear" ? null : `${banner.label}: ${banner.text}`,
      code: banner.label,
      note:
        msgType === "Cancel"
          ? "The alert was withdrawn by its sender."
          : msgType === "Update"
            ? "The alert's warning was revised."
            : null,
      references,
      info,
    };
  });
}

/** The message an alert's CAP URL serves: its latest. */
export const currentCapMessage = (source: CapSource): CapMessage | null => capMessages(source).at(-1) ?? null;

const present = <T>(key: string, value: T | null | undefined) =>
  value === null || value === undefined || value === "" ? {} : { [key]: value };

/** The message as CAP 1.2 XML (elements in the schema's order). */
export function capXml(message: CapMessage): string {
  const { info } = message;
  const area = info.area
    ? {
        area: {
          areaDesc: info.area.areaDesc,
          ...(info.area.polygons.length ? { polygon: info.area.polygons } : {}),
          ...(info.area.circles.length ? { circle: info.area.circles } : {}),
        },
      }
    : {};
  const document = {
    "?xml": { "@_version": "1.0", "@_encoding": "UTF-8" },
    alert: {
      "@_xmlns": CAP_NAMESPACE,
      identifier: message.identifier,
      sender: message.sender,
      sent: message.sent,
      status: message.status,
      msgType: message.msgType,
      scope: message.scope,
      ...present("restriction", message.restriction),
      code: message.code,
      ...present("note", message.note),
      ...present(
        "references",
        message.references.map((ref) => `${ref.sender},${ref.identifier},${ref.sent}`).join(" "),
      ),
      info: {
        language: info.language,
        category: [...info.categories],
        event: info.event,
        urgency: info.urgency,
        severity: info.severity,
        certainty: info.certainty,
        ...present("expires", info.expires),
        senderName: info.senderName,
        headline: info.headline,
        ...present("description", info.description),
        ...present("instruction", info.instruction),
        ...present("web", info.web),
        ...area,
      },
    },
  };
  return buildXml(document, { suppressEmptyNode: false });
}
