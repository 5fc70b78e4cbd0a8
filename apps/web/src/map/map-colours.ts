// The colours of the map screens. Sectors in families (energy warm, water blue, transport violet,
// digital teal, finance green, the state grey), so that a glance tells a substation from a pumping
// station; states in the colours the rest of the app uses (the timeline's red and orange).
import type { AssetStatus, Sector } from "@bulwark/core";

export const SECTOR_COLOURS: Record<Sector, string> = {
  "energy-electricity": "#f59f00",
  "energy-oil": "#7c2d12",
  "energy-gas": "#fd7e14",
  "energy-hydrogen": "#3bc9db",
  "district-heating": "#e8590c",
  nuclear: "#ae3ec9",
  dams: "#1864ab",
  "water-drinking": "#339af0",
  "water-waste": "#0b7285",
  "food-agriculture": "#74b816",
  health: "#d6336c",
  chemical: "#9c36b5",
  "transport-air": "#4c6ef5",
  "transport-rail": "#7048e8",
  "transport-water": "#15aabf",
  "transport-road": "#868e96",
  "transport-public": "#9775fa",
  "digital-infrastructure": "#099268",
  telecommunications: "#20c997",
  space: "#364fc7",
  banking: "#2b8a3e",
  "financial-market-infrastructure": "#40c057",
  "government-services": "#495057",
  "emergency-services": "#e03131",
  "defence-industrial-base": "#3b5bdb",
  "critical-manufacturing": "#a0522d",
  "commercial-facilities": "#b08968",
  "public-administration": "#343a40",
};

export const STATUS_HEX: Record<AssetStatus, string> = {
  operational: "#12b886",
  degraded: "#fd7e14",
  down: "#e03131",
};

/** A cascade on the map: what was hit, what has failed by the hour shown, what fails later. */
export const CASCADE_COLOURS = {
  attacked: "#1a1b1e",
  attackedRing: "#e03131",
  failed: "#e03131",
  later: "#ffd43b",
  laterRing: "#f08c00",
  unaffected: "#adb5bd",
  cause: "#c92a2a",
} as const;

/** Criticality: fill from light to deep by the people a loss cuts off; a dark outline on SPOFs. */
export const CRITICALITY_COLOURS = {
  fewer: "#ffd8a8",
  middle: "#fd7e14",
  more: "#a51111",
  spofRing: "#343a40",
  alone: "#74c0fc",
  context: "#adb5bd",
} as const;

function channels(hex: string): number[] {
  return [1, 3, 5].map((at) => Number.parseInt(hex.slice(at, at + 2), 16));
}

/** The colour at `share` (0 to 1) along the criticality scale, light to deep. */
export function criticalityColour(share: number): string {
  const t = Math.min(1, Math.max(0, share));
  const [from, to, local] =
    t < 0.5
      ? [CRITICALITY_COLOURS.fewer, CRITICALITY_COLOURS.middle, t * 2]
      : [CRITICALITY_COLOURS.middle, CRITICALITY_COLOURS.more, (t - 0.5) * 2];
  const a = channels(from);
  const b = channels(to);
  return `#${a
    .map((value, index) => Math.round(value + ((b[index] ?? value) - value) * local))
    .map((value) => value.toString(16).padStart(2, "0"))
    .join("")}`;
}

/** The base map: a calm sea, pale land, borders that stay out of the way. */
export const BASE_COLOURS = {
  sea: "#c9dcea",
  graticule: "#b3cadb",
  land: "#f3efe6",
  coast: "#9fb8ca",
  border: "#b8ab97",
  area: "#1c58c7",
} as const;
