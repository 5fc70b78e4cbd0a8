// Personal data in a shared item's text: e-mail addresses and phone numbers found automatically,
// and spans the author marks by hand as [[pii:...]]. Viewers outside the author's organisation
// (unless they hold a role the author allowed for that item) read each one as a pseudonym; when
// the item type's retention runs out, they are removed for everyone and the rest of the text kept.
// Pure: the keyed hash that makes pseudonyms is handed in by the server. Which fields of an item
// these functions apply to is outbound-text.ts.
//
// Detection reads a normalised view of the text, so look-alike characters cannot slip a value
// past it: each code point in Unicode NFKC (full-width ＠ and digits, ligatures, ...), decimal
// digits of every script as 0-9, every space as " ", every dash as "-", and format characters
// (zero-width space, soft hyphen, ...) dropped. A span found in the view covers the whole code
// points it came from in the text as written, which is what is replaced.
//
// A hand-marked span opens with "[[pii:" (any case) and ends at the first run of two or more "]":
// the last two close it, any before them belong to the value ("[[pii:J. [Jr.]]]" marks "J. [Jr.]").
// It may hold anything else (newlines, "]", "[[", any length). An opening with no close marks the
// rest of the field: when in doubt, the text is personal.

import type { SharedItemType, SharingViewer } from "../policy/sharing-policy.ts";
import type { Role } from "../vocabulary.ts";

export type PersonalDataKind = "email" | "phone" | "marked";

export interface PersonalSpan {
  /** Where the span starts and ends in the text as written (markup included for marked spans). */
  readonly start: number;
  readonly end: number;
  readonly kind: PersonalDataKind;
  /** The personal value as written (for marked spans, without the markup). */
  readonly value: string;
  /** What identifies the value, whatever its spelling: what its pseudonym is made from. */
  readonly key: string;
}

const MARKED = /\[\[pii:([\s\S]*?)(?:\]\](?!\])|$)/giu;
/** RFC 5322's atext and dots, in any script, before the @; a quote that opens it stays outside. */
const EMAIL =
  /(?!['`{])[\p{L}\p{M}\p{N}!#$%&'*+/=?^_`{|}~.-]+@[\p{L}\p{M}\p{N}-]+(?:\.[\p{L}\p{M}\p{N}-]+)*\.\p{L}{2,}/gu;
/** An international (+...) or national (0..., (0...)) number of 8 to 15 digits. */
const PHONE = /(?<![\w+])(?:\+|\(?0)[\d ().-]{6,22}\d(?![\w])/g;
const MARK_OPENING = "[[pii:".length;

const DIGIT = /^\p{Nd}$/u;
const SPACE = /^\p{Zs}$/u;
const DASH = /^\p{Pd}$/u;
const FORMAT = /^\p{Cf}$/u;

/** A decimal digit of any script as 0-9 (each script's digits are ten code points in a row). */
function asciiDigit(codePoint: number): string {
  let start = codePoint;
  while (start > codePoint - 60 && DIGIT.test(String.fromCodePoint(start - 1))) start -= 1;
  return String((codePoint - start) % 10);
}

function viewOf(char: string): string {
  const codePoint = char.codePointAt(0) ?? 0;
  if (codePoint < 0x80) return char;
  if (DIGIT.test(char)) return asciiDigit(codePoint);
  if (FORMAT.test(char)) return "";
  const normal = char.normalize("NFKC");
  if (SPACE.test(normal)) return " ";
  if (DASH.test(normal)) return "-";
  return [...normal]
    .map((c) => (DIGIT.test(c) && c > "\u007f" ? asciiDigit(c.codePointAt(0) ?? 0) : c))
    .join("");
}

interface DetectionView {
  readonly text: string;
  /** For each UTF-16 unit of the view: where its code point starts and ends in the text as written. */
  readonly from: readonly number[];
  readonly to: readonly number[];
}

/** The normalised view detection reads, and the way back to the text as written. */
function detectionView(text: string): DetectionView {
  let view = "";
  const from: number[] = [];
  const to: number[] = [];
  let at = 0;
  for (const char of text) {
    const shown = viewOf(char);
    for (let unit = 0; unit < shown.length; unit++) {
      from.push(at);
      to.push(at + char.length);
    }
    view += shown;
    at += char.length;
  }
  return { text: view, from, to };
}

/** A span [start, end) of the view, in the text as written (empty when the span is). */
function written(view: DetectionView, text: string, start: number, end: number) {
  if (end <= start) {
    const at = view.from[start] ?? text.length;
    return { start: at, end: at };
  }
  return { start: view.from[start] ?? text.length, end: view.to[end - 1] ?? text.length };
}

const collapse = (value: string) => value.replace(/\s+/g, " ").trim();

/** Every personal span, in order, none overlapping (hand-marked spans win). */
export function findPersonalData(text: string): PersonalSpan[] {
  const view = detectionView(text);
  const spans: PersonalSpan[] = [];
  const overlaps = (start: number, end: number) => spans.some((span) => start < span.end && end > span.start);
  for (const match of view.text.matchAll(MARKED)) {
    const whole = written(view, text, match.index, match.index + match[0].length);
    const inner = match[1] ?? "";
    const valueStart = match.index + MARK_OPENING;
    const value = written(view, text, valueStart, valueStart + inner.length);
    spans.push({
      ...whole,
      kind: "marked",
      value: text.slice(value.start, value.end),
      key: collapse(inner),
    });
  }
  for (const match of view.text.matchAll(EMAIL)) {
    const { start, end } = written(view, text, match.index, match.index + match[0].length);
    if (!overlaps(start, end))
      spans.push({ start, end, kind: "email", value: text.slice(start, end), key: match[0].toLowerCase() });
  }
  for (const match of view.text.matchAll(PHONE)) {
    const { start, end } = written(view, text, match.index, match.index + match[0].length);
    const digits = match[0].replace(/\D/g, "");
    if (digits.length >= 8 && digits.length <= 15 && !overlaps(start, end))
      spans.push({
        start,
        end,
        kind: "phone",
        value: text.slice(start, end),
        key: (match[0].startsWith("+") ? "+" : "") + digits,
      });
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

/**
 * The text with each personal value replaced by its pseudonym (the same value, however spelt, the
 * same pseudonym). An empty marked span leaves nothing.
 */
export const pseudonymisePersonalData = (text: string, pseudonymOf: (value: string) => string): string =>
  replaceSpans(text, (span) => (span.key === "" ? "" : pseudonymOf(span.key)));

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
