// Labels and options for the compendium's vocabularies: the fixed ones are translated in
// en-compendium.ts (sectors in en.ts); countries and languages are named by Intl in the reader's
// language, and the lists of them are the codes Intl can name.
import type { Facet } from "@bulwark/contracts";
import {
  ENTRY_TYPES,
  type EntryType,
  PHASES,
  type Phase,
  REGIONS,
  type Region,
  THEMES,
  THREAT_FAMILIES,
  type Theme,
  type ThreatFamily,
  TOOL_KINDS,
  type ToolKind,
} from "@bulwark/core";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { displayNames } from "../app/format.ts";
import { isOneOf, type Option, useLabels } from "../app/vocabulary.ts";

const LETTERS = "abcdefghijklmnopqrstuvwxyz";
const PAIRS = [...LETTERS].flatMap((first) => [...LETTERS].map((second) => first + second));

const namedByLanguage = new Map<string, Option[]>();

/**
 * Codes that Intl names (it answers with the code itself for those it does not know), sorted by
 * name: 676 codes asked and sorted, half a second on a slow machine, so made once per language and
 * only when a form asks (the labels' countryOptions and languageOptions are getters).
 */
export function namedCodes(language: string, type: "region" | "language"): Option[] {
  const key = `${language} ${type}`;
  let options = namedByLanguage.get(key);
  if (!options) {
    options = probeCodes(language, type);
    namedByLanguage.set(key, options);
  }
  return options;
}

function probeCodes(language: string, type: "region" | "language"): Option[] {
  const names = displayNames(language, type);
  const options: Option[] = [];
  for (const pair of PAIRS) {
    const code = type === "region" ? pair.toUpperCase() : pair;
    try {
      const name = names.of(code);
      if (name && name !== code) options.push({ value: code, label: name });
    } catch {
      // An invalid code for this Intl: not offered.
    }
  }
  return options.sort((a, b) => a.label.localeCompare(b.label, language));
}

export function useCompendiumLabels() {
  const { t, i18n } = useTranslation();
  const labels = useLabels();
  const language = i18n.language;
  return useMemo(() => {
    const countryNames = displayNames(language, "region");
    const languageNames = displayNames(language, "language");
    const named = (names: Intl.DisplayNames, code: string) => {
      try {
        return names.of(code) ?? code;
      } catch {
        return code;
      }
    };
    const type = (id: EntryType) => t(`compendium.types.${id}`);
    const toolKind = (id: ToolKind) => t(`compendium.toolKinds.${id}`);
    const phase = (id: Phase) => t(`compendium.phases.${id}`);
    const theme = (id: Theme) => t(`compendium.themes.${id}`);
    const threat = (id: ThreatFamily) => t(`compendium.threats.${id}`);
    const region = (id: Region) => t(`compendium.regions.${id}`);
    const country = (code: string) => named(countryNames, code);
    const languageName = (code: string) => named(languageNames, code);

    /** Any tag's value as a reader would say it; unknown values show as they are. */
    const value = (facet: Facet, id: string): string => {
      switch (facet) {
        case "type":
          return isOneOf(ENTRY_TYPES, id) ? type(id) : id;
        case "phase":
          return isOneOf(PHASES, id) ? phase(id) : id;
        case "sector":
          return labels.sectorOptions.find((option) => option.value === id)?.label ?? id;
        case "threat":
          return isOneOf(THREAT_FAMILIES, id) ? threat(id) : id;
        case "theme":
          return isOneOf(THEMES, id) ? theme(id) : id;
        case "region":
          return isOneOf(REGIONS, id) ? region(id) : id;
        case "country":
          return country(id);
        case "language":
          return languageName(id);
      }
    };
    const options = <T extends string>(ids: readonly T[], label: (id: T) => string): Option[] =>
      ids.map((id) => ({ value: id, label: label(id) }));
    return {
      type,
      toolKind,
      phase,
      theme,
      threat,
      region,
      country,
      language: languageName,
      value,
      typeOptions: options(ENTRY_TYPES, type),
      toolKindOptions: options(TOOL_KINDS, toolKind),
      phaseOptions: options(PHASES, phase),
      themeOptions: options(THEMES, theme),
      threatOptions: options(THREAT_FAMILIES, threat),
      regionOptions: options(REGIONS, region),
      sectorOptions: labels.sectorOptions,
      get countryOptions(): Option[] {
        return namedCodes(language, "region");
      },
      get languageOptions(): Option[] {
        return namedCodes(language, "language");
      },
    };
  }, [t, language, labels]);
}

export type CompendiumLabels = ReturnType<typeof useCompendiumLabels>;

/** Where each tag of an entry sits, and the facet that filters by it. */
export const TAG_FACETS = [
  ["phases", "phase"],
  ["sectors", "sector"],
  ["threats", "threat"],
  ["themes", "theme"],
  ["regions", "region"],
  ["countries", "country"],
  ["languages", "language"],
] as const;

/** The search for entries with this tag's value. */
export const tagSearch = (facet: Facet, value: string) => `/compendium?${facet}=${encodeURIComponent(value)}`;

/** Badge colours per type of entry: a glance tells a law from a case study. */
export const TYPE_COLOURS: Record<EntryType, string> = {
  "good-practice": "teal",
  tool: "indigo",
  "case-study": "orange",
  "legal-instrument": "grape",
  policy: "blue",
  training: "cyan",
};
