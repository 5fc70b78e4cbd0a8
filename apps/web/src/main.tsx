// Before anything else: what the app asks for at once (start.ts), while the rest of its code runs.
import "./app/start.ts";
import "./app/styles-first-screen.ts";
import "./app/direction.css";
import "./app/shell.css";
import "./app/table-cards.css";
import { DirectionProvider, MantineProvider, useDirection } from "@mantine/core";
import { useNotifications } from "@mantine/notifications";
import { QueryClientProvider } from "@tanstack/react-query";
import { lazy, StrictMode, Suspense, useEffect, useState } from "react";
import { createRoot } from "react-dom/client";
import { useTranslation } from "react-i18next";
import { RouterProvider } from "react-router";
import { queryClient } from "./app/api.ts";
import { router } from "./app/router.tsx";
import { useTableCardLabels } from "./app/table-cards.ts";
import { theme } from "./app/theme.ts";
import { directionOf, i18n, i18nReady } from "./i18n/index.ts";
import { OfflineGate } from "./offline/offline-app.tsx";
import { registerServiceWorker } from "./offline/service-worker.ts";

/** Keeps Mantine's direction in step with the language (Arabic is right-to-left). */
function DirectionFollowsLanguage() {
  const { i18n: current } = useTranslation();
  const { setDirection } = useDirection();
  const direction = directionOf(current.language);
  useEffect(() => setDirection(direction), [direction, setDirection]);
  return null;
}

/** Every table's cells named after their column, for the cards a phone shows (table-cards.css). */
function TableCardLabels() {
  useTableCardLabels();
  return null;
}

const Notifications = lazy(() =>
  import("./app/notifications-container.tsx").then((module) => ({ default: module.Notifications })),
);

/**
 * Notifications at the top of the reading end: right in English, left in Arabic; below the shell's
 * 64 px header, so that they never lie over its controls (sign out, the bell, the language). Their container
 * (and its transitions) loads with the first notification shown, not with the first screen (ADR
 * 0042): the notifications' store keeps what was shown meanwhile.
 */
function NotificationsAtLineEnd() {
  const { dir } = useDirection();
  const { notifications, queue } = useNotifications();
  const [needed, setNeeded] = useState(false);
  const any = notifications.length + queue.length > 0;
  useEffect(() => {
    if (any) setNeeded(true);
  }, [any]);
  if (!needed && !any) return null;
  return (
    <Suspense fallback={null}>
      <Notifications
        position={dir === "rtl" ? "top-left" : "top-right"}
        classNames={{ root: "notifications-below-header" }}
      />
    </Suspense>
  );
}

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root element.");

const app = createRoot(root);
// After the reader's language has loaded (a chunk of its own unless English): no English flash first.
void i18nReady.then(() =>
  app.render(
    <StrictMode>
      <DirectionProvider initialDirection={directionOf(i18n.language)} detectDirection={false}>
        <MantineProvider theme={theme} defaultColorScheme="light">
          <DirectionFollowsLanguage />
          <NotificationsAtLineEnd />
          <TableCardLabels />
          <QueryClientProvider client={queryClient}>
            <OfflineGate>
              <RouterProvider router={router} />
            </OfflineGate>
          </QueryClientProvider>
        </MantineProvider>
      </DirectionProvider>
    </StrictMode>,
  ),
);
registerServiceWorker();
