// In a right-to-left language every value put into a message (a name, an id, a code, a number) is
// wrapped in Unicode isolates (FSI … PDI): an English name inside Arabic text then keeps its own
// direction, and the punctuation around it stays where the sentence puts it ("أُزيل الأصل ⁨PWR-001 (North)⁩.",
// not a bracket flung to the other end). Left-to-right languages get the values as they are.
import { RIGHT_TO_LEFT } from "@bulwark/core";

const FIRST_STRONG_ISOLATE = "\u2068";
const POP_DIRECTIONAL_ISOLATE = "\u2069";

export function isRightToLeft(language: string | undefined): boolean {
  const base = language?.split("-")[0];
  return RIGHT_TO_LEFT.some((rtl) => rtl === base);
}

/** `value` isolated from the text around it when `language` is written right to left. */
export function isolateFor<T>(value: T, language: string | undefined): T | string {
  if (!isRightToLeft(language)) return value;
  if (typeof value !== "string" && typeof value !== "number") return value;
  return `${FIRST_STRONG_ISOLATE}${value}${POP_DIRECTIONAL_ISOLATE}`;
}
