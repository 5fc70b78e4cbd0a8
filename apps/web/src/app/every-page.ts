// What every page but the first screen needs besides its own chunk: the rest of the English strings
// (i18n/index.ts) and all of Mantine's styles (styles-every-page.ts). The first screen comes without
// them (the first load's budget, ADR 0042); the first other page waits for them, loaded in parallel
// with its own code, and later pages find them there.
import { englishOfEveryPage } from "../i18n/index.ts";

let loading: Promise<void> | null = null;

export function forEveryPage(): Promise<void> {
  loading ??= Promise.all([englishOfEveryPage(), import("./styles-every-page.ts")]).then(() => undefined);
  return loading;
}
