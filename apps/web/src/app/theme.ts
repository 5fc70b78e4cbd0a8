import { createTheme, DEFAULT_THEME, type MantineColorsTuple } from "@mantine/core";
import { readablePalette } from "./readable-colours.ts";

// A deep, calm blue: the colour of institutions rather than alarms.
const bulwark: MantineColorsTuple = [
  "#eaf0fb",
  "#d2def3",
  "#a2bbe6",
  "#7096da",
  "#4677cf",
  "#2c63c9",
  "#1c58c7",
  "#0f49b0",
  "#0b3a8c",
  "#063279",
];

/**
 * Mantine's palettes with shade 8, the one every coloured badge, alert and button uses in the light
 * scheme, dark enough to read at 4.5:1 (readable-colours.ts). "dark" is the dark scheme's own.
 */
const readableColours = Object.fromEntries(
  Object.entries(DEFAULT_THEME.colors)
    .filter(([name]) => name !== "dark")
    .map(([name, palette]) => [name, readablePalette(palette)]),
);

export const theme = createTheme({
  primaryColor: "bulwark",
  primaryShade: { light: 8, dark: 5 },
  colors: { ...readableColours, bulwark: readablePalette(bulwark) },
  defaultRadius: "md",
  // System fonts only: nothing is fetched from the internet at run time.
  fontFamily:
    "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Noto Sans Arabic', 'Noto Sans CJK SC', 'Helvetica Neue', Arial, sans-serif",
  headings: { fontWeight: "650" },
});
