import type { Language } from "@bulwark/core";

/**
 * The languages whose translation of the interface is complete: completeness.test.ts holds each to
 * every English key, with its own plural forms and the same placeholders. English fills any gap left
 * in the others.
 */
export const COMPLETE_LANGUAGES: readonly Exclude<Language, "en">[] = ["fr", "es", "ru", "ar", "zh"];
