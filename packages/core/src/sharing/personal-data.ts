// Personal data in a shared item's text: e-mail addresses and phone numbers found automatically,
// and spans the author marks by hand as [[pii:...]]. Viewers outside the author's organisation
// (unless they hold a role the author allowed for that item) read each one as a pseudonym; when
// the item type's retention runs out, they are removed for everyone and the rest of the text kept.
// Pure: the keyed hash that makes pseudonyms is handed in by the server.

import type { SharedItemType, SharingViewer } from "../policy/sharing-policy.ts";
import type { Role } from "../vocabulary.ts";

export type PersonalDataKind = "email" | "phone" | "marked";

export interface PersonalSpan {
  readonly start: number;
  readonly end: number;
  readonly kind: PersonalDataKind;
  /** The personal value itself (for marked spans, without the markup). */
  readonly value: string;
}

const MARKED = /\[\[pii:([^\]\n]{1,200})\]\]/g;
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
/** An international (+...) or national (0..., (0...)) number of 8 to 15 digits. */
const PHONE = /(?<![\w+])(?:\+|\(?0)[\d ().-]{6,22}\d(?![\w])/g;

const digits = (text: string) => text.replace(/\D/g, "").length;

/** Every personal span, in order, none overlapping (hand-marked spans win). */
export function findPersonalData(text: string): PersonalSpan[] {
  const spans: PersonalSpan[] = [];
  const overlaps = (start: number, end: number) => spans.some((span) => start < span.end && end > span.start);
  for (const match of text.matchAll(MARKED))
    spans.push({
      start: match.index,
      end: match.index + match[0].length,
      kind: "marked",
      value: match[1] ?? "",
    });
  for (const match of text.matchAll(EMAIL)) {
    const end = match.index + match[0].length;
    if (!overlaps(match.index, end)) spans.push({ start: match.index, end, kind: "email", value: match[0] });
  }
  for (const match of text.matchAll(PHONE)) {
    const end = match.index + match[0].length;
    const count = digits(match[0]);
    if (count >= 8 && count <= 15 && !overlaps(match.index, end))
      spans.push({ start: match.index, end, kind: "phone", value: match[0] });
  }
  return spans.sort((a, b) => a.start - b.start);
}

function replaceSpans(text: string, replace: (span: PersonalSpan) => string): string {
  let out = "";
  let at = 0;
  for (const span of findPersonalData(text)) {
    out += text.slice(at, span.start) + replace(span);
    at = span.end;
  }
  return out + text.slice(at);
}

/** The text as its author's organisation reads it: hand markup removed, values kept. */
export const revealPersonalData = (text: string): string => replaceSpans(text, (span) => span.value);

/** The text with each personal value replaced by its pseudonym (the same value, the same pseudonym). */
export const pseudonymisePersonalData = (text: string, pseudonymOf: (value: string) => string): string =>
  replaceSpans(text, (span) => pseudonymOf(span.kind === "email" ? span.value.toLowerCase() : span.value));

export const PURGED_MARK = "[personal data removed]";
/** The text once retention has run out: personal values gone, the rest kept. */
export const purgePersonalData = (text: string): string => replaceSpans(text, () => PURGED_MARK);

/** How long personal data stays in an item of each type, in days from its creation. */
export const PERSONAL_DATA_RETENTION_DAYS: Readonly<Record<SharedItemType, number>> = {
  alert: 90,
  "incident-notice": 365,
  report: 365,
  indicator: 180,
};

/** Does this viewer read the personal data of this item as written? */
export const mayReadPersonalData = (
  viewer: Pick<SharingViewer, "organisationId" | "roles">,
  item: { readonly authorOrganisationId: string; readonly personalDataRoles: readonly Role[] },
): boolean =>
  viewer.organisationId === item.authorOrganisationId ||
  viewer.roles.some((role) => item.personalDataRoles.includes(role));
