// Spanish strings of live updates (see en-live.ts).
import type { live as english } from "./en-live.ts";
import type { Translation } from "./translation.ts";

export const live: Translation<typeof english, "es"> = {
  connecting: "Conectando…",
  live: "En directo",
  reconnecting: "Reconectando…",
  liveHint: "Los elementos nuevos o modificados aparecen aquí en cuanto se comparten con usted.",
  reconnectingHint:
    "Las actualizaciones en directo están interrumpidas; la lista se actualizará sola cuando se reanuden.",
};
