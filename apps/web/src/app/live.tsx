// Live updates in the page: an EventSource on one of the server's event streams (for example
// /api/sharing/events), its status for the person reading, and a refresh of the page's queries
// when something they may see changes. The server sends `ready` when a stream opens, also after a
// reconnection; nothing missed meanwhile is replayed, so `ready` refetches what the page shows.
// EventSource reconnects by itself after a cut; when the server refuses (signed out, too many
// streams) it stops, and this hook asks who is signed in and tries again later.
import { Badge, Tooltip } from "@mantine/core";
import { type QueryKey, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { meKey } from "./api.ts";

export type LiveStatus = "connecting" | "live" | "reconnecting";

/** One event of a stream: `ready` (refetch what you show), or a change with the id of what changed. */
export type LiveEvent = { readonly type: "ready" } | { readonly type: string; readonly id: string };

const FIRST_RETRY_MS = 2_000;
const LAST_RETRY_MS = 60_000;

/**
 * Follows the event stream at `url`, calling `onEvent` for `ready` and for each event named in
 * `types`; answers the stream's status.
 */
export function useLiveEvents(
  url: string,
  onEvent: (event: LiveEvent) => void,
  types: readonly string[] = ["item"],
): LiveStatus {
  const [status, setStatus] = useState<LiveStatus>("connecting");
  const handler = useRef(onEvent);
  handler.current = onEvent;
  const queryClient = useQueryClient();
  const typeList = types.join(",");

  useEffect(() => {
    if (typeof EventSource === "undefined") return;
    let source: EventSource | null = null;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let delay = FIRST_RETRY_MS;
    const connect = () => {
      const current = new EventSource(url);
      source = current;
      current.addEventListener("ready", () => {
        delay = FIRST_RETRY_MS;
        setStatus("live");
        handler.current({ type: "ready" });
      });
      for (const type of typeList.split(","))
        current.addEventListener(type, (message) => {
          try {
            const data: unknown = JSON.parse((message as MessageEvent<string>).data);
            if (typeof data === "object" && data !== null && "id" in data && typeof data.id === "string")
              handler.current({ type, id: data.id });
          } catch {
            // Not an event of ours: nothing to do.
          }
        });
      current.onerror = () => {
        setStatus("reconnecting");
        if (current.readyState !== EventSource.CLOSED) return;
        // Refused: the session may have ended (the app then shows the sign-in page).
        void queryClient.invalidateQueries({ queryKey: meKey });
        retry = setTimeout(connect, delay);
        delay = Math.min(delay * 2, LAST_RETRY_MS);
      };
    };
    connect();
    return () => {
      clearTimeout(retry);
      source?.close();
    };
  }, [url, typeList, queryClient]);

  return status;
}

/**
 * Refetches the queries under `keys` when the stream at `url` (re)opens and, at most every
 * `settleMs`, when something changes; answers the stream's status.
 */
export function useLiveRefresh(
  url: string,
  keys: readonly QueryKey[],
  types: readonly string[] = ["item"],
  settleMs = 300,
): LiveStatus {
  const queryClient = useQueryClient();
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const keysRef = useRef(keys);
  keysRef.current = keys;
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );
  return useLiveEvents(
    url,
    () => {
      if (timer.current) return;
      timer.current = setTimeout(() => {
        timer.current = null;
        for (const queryKey of keysRef.current) void queryClient.invalidateQueries({ queryKey });
      }, settleMs);
    },
    types,
  );
}

/** The status of a live stream, as a small badge with an explanation on hover and focus. */
export function LiveBadge({ status }: { status: LiveStatus }) {
  const { t } = useTranslation();
  const color = status === "live" ? "green" : status === "reconnecting" ? "yellow" : "gray";
  return (
    <Tooltip label={status === "live" ? t("live.liveHint") : t("live.reconnectingHint")} multiline w={280}>
      <Badge variant="dot" color={color} role="status" aria-live="polite" tabIndex={0}>
        {t(`live.${status}`)}
      </Badge>
    </Tooltip>
  );
}
