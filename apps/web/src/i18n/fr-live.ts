// French strings of live updates (see en-live.ts).
import type { live as english } from "./en-live.ts";
import type { Translation } from "./translation.ts";

export const live: Translation<typeof english, "fr"> = {
  connecting: "Connexion…",
  live: "En direct",
  reconnecting: "Reconnexion…",
  liveHint: "Les éléments nouveaux ou modifiés apparaissent ici dès qu’ils vous sont partagés.",
  reconnectingHint:
    "Les mises à jour en direct sont interrompues ; la liste se rafraîchit d’elle-même à leur reprise.",
};
