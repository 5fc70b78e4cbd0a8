// All of Mantine's styles (layered, as in styles-first-screen.ts), loaded with the first page that is
// not the first screen (every-page.ts): the components only other pages use get theirs.
import "@mantine/core/styles.layer.css";

/**
 * Something to import: a module of style sheets alone would be dropped from the build (Vite loads
 * its CSS directly), and the service worker, which keeps this module's chunk and its style sheet for
 * the offline screens (sw-build.ts), would not find it.
 */
export const everyPageStyles = "@mantine/core/styles.layer.css";
