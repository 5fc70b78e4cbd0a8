// Bulwark's vocabularies in STIX 2.1's words: sectors to industry-sector-ov, item types to STIX
// object types and report types.
import type { Sector } from "../vocabulary.ts";

/**
 * STIX 2.1's industry-sector-ov for each of Bulwark's sectors (DOMAIN.md): the closest values of
 * the open vocabulary, more than one where a sector belongs to two (electricity is energy and a
 * utility).
 */
export const STIX_INDUSTRY_SECTORS: Readonly<Record<Sector, readonly string[]>> = {
  "energy-electricity": ["energy", "utilities"],
  "energy-oil": ["energy"],
  "energy-gas": ["energy", "utilities"],
  "energy-hydrogen": ["energy"],
  "district-heating": ["energy", "utilities"],
  nuclear: ["nuclear"],
  dams: ["dams"],
  "water-drinking": ["water", "utilities"],
  "water-waste": ["water", "utilities"],
  "food-agriculture": ["agriculture"],
  health: ["healthcare"],
  chemical: ["chemical"],
  "transport-air": ["transportation"],
  "transport-rail": ["transportation"],
  "transport-water": ["transportation"],
  "transport-road": ["transportation"],
  "transport-public": ["transportation"],
  "digital-infrastructure": ["technology"],
  telecommunications: ["telecommunications"],
  space: ["aerospace"],
  banking: ["financial-services"],
  "financial-market-infrastructure": ["financial-services"],
  "government-services": ["government-public-services"],
  "emergency-services": ["emergency-services"],
  "defence-industrial-base": ["defense"],
  "critical-manufacturing": ["manufacturing"],
  "commercial-facilities": ["commercial"],
  "public-administration": ["government"],
};

/** The industry-sector-ov values of these sectors, each once, in a stable order. */
export function stixSectors(sectors: readonly Sector[]): string[] {
  const out = new Set<string>();
  for (const sector of sectors) for (const value of STIX_INDUSTRY_SECTORS[sector] ?? []) out.add(value);
  return [...out].sort();
}
