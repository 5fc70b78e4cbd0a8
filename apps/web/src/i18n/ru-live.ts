// Russian strings of live updates (see en-live.ts).
import type { live as english } from "./en-live.ts";
import type { Translation } from "./translation.ts";

export const live: Translation<typeof english, "ru"> = {
  connecting: "Подключение…",
  live: "В реальном времени",
  reconnecting: "Переподключение…",
  liveHint: "Новые и изменённые материалы появляются здесь, как только ими с вами поделятся.",
  reconnectingHint: "Обновления в реальном времени прерваны; список обновится сам, когда они возобновятся.",
};
