import type { Messages } from "./en.ts";

/** A translation may leave any key out: English fills the gap. */
export type PartialMessages<T = Messages> = {
  [K in keyof T]?: T[K] extends string ? string : PartialMessages<T[K]>;
};
