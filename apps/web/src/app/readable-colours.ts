// Colours that read at WCAG 2.2 AA (4.5:1). With the theme's primary shade at 8, Mantine draws every
// coloured badge, alert, filled button and coloured text with shade 8 of its palette: white text on
// it (filled), or it on a 10 % tint of itself (light), or it on white (outline). Mantine's own shade
// 8 of teal, green, cyan, orange, yellow, lime and blue is too light for that (teal on its tint reads
// at 3.3:1). Each palette keeps its hue; shades 8 and 9 are darkened (mixed with black) just enough.

/** Relative luminance of a #rrggbb colour (WCAG 2.2). */
export function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((start) => {
    const channel = Number.parseInt(hex.slice(start, start + 2), 16) / 255;
    return channel <= 0.04045 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0);
}

/** The contrast ratio of two #rrggbb colours (1 to 21). */
export function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return ((light ?? 0) + 0.05) / ((dark ?? 0) + 0.05);
}

const toHex = (channels: number[]) =>
  `#${channels.map((channel) => Math.round(channel).toString(16).padStart(2, "0")).join("")}`;
const channelsOf = (hex: string) =>
  [1, 3, 5].map((start) => Number.parseInt(hex.slice(start, start + 2), 16));

/** `over` seen through `hex` at `alpha` (Mantine's light variant is shade 8 at 10 % over the page). */
export function blend(hex: string, alpha: number, over: string): string {
  const top = channelsOf(hex);
  return toHex(channelsOf(over).map((channel, index) => (top[index] ?? 0) * alpha + channel * (1 - alpha)));
}

const darken = (hex: string, amount: number) =>
  toHex(channelsOf(hex).map((channel) => channel * (1 - amount)));

/** The lightest backgrounds a coloured text or badge sits on: white, and a hovered table row (gray-1). */
export const PAGE_BACKGROUNDS = ["#ffffff", "#f1f3f5"] as const;
export const MINIMUM = 4.5;

/** Whether `hex` reads at 4.5:1 as text on the page, on its own 10 % tint, and under white text. */
export function readable(hex: string): boolean {
  return PAGE_BACKGROUNDS.every(
    (page) => contrast(hex, page) >= MINIMUM && contrast(hex, blend(hex, 0.1, page)) >= MINIMUM,
  );
}

/** The palette with shade 8 darkened until readable, and shade 9 kept darker than shade 8. */
export function readablePalette<T extends readonly string[]>(palette: T): T {
  const shades = [...palette];
  const eight = shades[8] ?? "#000000";
  let step = 0;
  while (!readable(darken(eight, step)) && step < 1) step += 0.02;
  const readableEight = darken(eight, step);
  shades[8] = readableEight;
  const nine = shades[9] ?? "#000000";
  if (luminance(nine) >= luminance(readableEight)) shades[9] = darken(readableEight, 0.15);
  return shades as unknown as T;
}
