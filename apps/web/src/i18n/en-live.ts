// English strings of live updates (server-sent events): the status shown beside a list that
// updates itself. en.ts includes them under `live`.
export const live = {
  connecting: "Connecting…",
  live: "Live",
  reconnecting: "Reconnecting…",
  liveHint: "New and changed items appear here as soon as they are shared with you.",
  reconnectingHint: "Live updates are interrupted; the list refreshes itself when they resume.",
};
