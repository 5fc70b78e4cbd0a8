// Every free-text field of a shared item that leaves the author's organisation, in one list:
// pseudonymisation (what others read, search and receive as STIX, TAXII, CAP and Atom), the
// author's side (markup removed), the count of personal values and the retention purge all go
// through OUTBOUND_TEXT_FIELDS, so a field added here is covered everywhere and a field left out
// is seen missing here. Attachment names leave too, one attachment at a time: they go through
// the same personal-data functions (attachmentNameFor, and the purge in the server).
//
// Not in the list, on purpose: an indicator's STIX pattern, which is an observable meant to travel
// exactly as written (its contract says so), and the CAP codes, which are fixed vocabularies.

import type { AlertWarning } from "../cap/warning.ts";
import {
  findPersonalData,
  pseudonymisePersonalData,
  purgePersonalData,
  revealPersonalData,
} from "./personal-data.ts";

/** The texts of an item that travel: its title and body, and an alert's CAP warning. */
export interface ItemText {
  readonly title: string;
  readonly body: string;
  /** An alert's CAP warning as given (null for other types, or an alert without one). */
  readonly warning: AlertWarning | null;
}

export interface OutboundTextField {
  /** Where the field is, as a path in the item (for tests and messages, never for data). */
  readonly name: string;
  read(item: ItemText): string | null;
  /** The item with this field's text replaced (unchanged when the field is absent). */
  write(item: ItemText, text: string): ItemText;
}

const warningField = (
  name: string,
  read: (warning: AlertWarning) => string | null,
  write: (warning: AlertWarning, text: string) => AlertWarning,
): OutboundTextField => ({
  name: `warning.${name}`,
  read: (item) => (item.warning ? read(item.warning) : null),
  write: (item, text) =>
    item.warning && read(item.warning) !== null ? { ...item, warning: write(item.warning, text) } : item,
});

export const OUTBOUND_TEXT_FIELDS: readonly OutboundTextField[] = [
  { name: "title", read: (item) => item.title, write: (item, title) => ({ ...item, title }) },
  { name: "body", read: (item) => item.body, write: (item, body) => ({ ...item, body }) },
  warningField(
    "event",
    (warning) => warning.event,
    (warning, event) => ({ ...warning, event }),
  ),
  warningField(
    "instruction",
    (warning) => warning.instruction,
    (warning, instruction) => ({ ...warning, instruction }),
  ),
  warningField(
    "area.description",
    (warning) => warning.area.description,
    (warning, description) => ({ ...warning, area: { ...warning.area, description } }),
  ),
];

/** The item with `change` applied to every outbound text field. */
export function mapOutboundText(item: ItemText, change: (text: string) => string): ItemText {
  let out = item;
  for (const field of OUTBOUND_TEXT_FIELDS) {
    const text = field.read(out);
    if (text !== null) out = field.write(out, change(text));
  }
  return out;
}

/** What readers outside the author's organisation receive: every personal value a pseudonym. */
export const pseudonymiseItemText = (item: ItemText, pseudonymOf: (value: string) => string): ItemText =>
  mapOutboundText(item, (text) => pseudonymisePersonalData(text, pseudonymOf));

/** What the author's organisation reads: the values as written, hand markup removed. */
export const revealItemText = (item: ItemText): ItemText => mapOutboundText(item, revealPersonalData);

/** The item once retention has run out: every personal value gone, the rest kept. */
export const purgeItemText = (item: ItemText): ItemText => mapOutboundText(item, purgePersonalData);

/** How many personal values the item's outbound texts hold. */
export const personalValuesIn = (item: ItemText): number =>
  OUTBOUND_TEXT_FIELDS.reduce((count, field) => count + findPersonalData(field.read(item) ?? "").length, 0);

/** An attachment's name as a reader sees it: as written, or with each personal value a pseudonym. */
export const attachmentNameFor = (
  filename: string,
  asWritten: boolean,
  pseudonymOf: (value: string) => string,
): string => (asWritten ? revealPersonalData(filename) : pseudonymisePersonalData(filename, pseudonymOf));
