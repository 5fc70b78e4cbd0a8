import { createTheme, type MantineColorsTuple } from "@mantine/core";

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

export const theme = createTheme({
  primaryColor: "bulwark",
  primaryShade: { light: 8, dark: 5 },
  colors: { bulwark },
  defaultRadius: "md",
  // System fonts only: nothing is fetched from the internet at run time.
  fontFamily:
    "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Noto Sans Arabic', 'Noto Sans CJK SC', 'Helvetica Neue', Arial, sans-serif",
  headings: { fontWeight: "650" },
});
