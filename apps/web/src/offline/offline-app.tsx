// Without a network the app cannot learn who is signed in (GET /api/me fails), and the shell needs
// that. Rather than keep a copy of the session's user on the device, the app then becomes a reduced
// one: the compendium's search and entries over the CLEAR entries saved here, nothing else. It
// stays so until the reader asks to try again (a reload, which goes to the network first).
import { Badge, Box, Button, Group, Loader, Text, Title } from "@mantine/core";
import { IconRefresh } from "@tabler/icons-react";
import { lazy, type ReactNode, Suspense, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { createBrowserRouter, Navigate, Outlet, RouterProvider } from "react-router";
import { useMeQuery } from "../app/auth.tsx";
import { forEveryPage } from "../app/every-page.ts";
import { Logo } from "../app/logo.tsx";
import { whenSettled } from "../app/settled.ts";
import { isNetworkError, OfflineModeContext, useOnline } from "./offline-hooks.ts";
import { refreshSavedCopy, useSavedCopy } from "./saved-copy.ts";

/**
 * Renders the app (`children`), or the offline compendium when the network is gone, nobody is known
 * to be signed in and entries are saved here. Also refreshes the saved copy after each sign-in.
 */
export function OfflineGate({ children }: { children: ReactNode }) {
  const me = useMeQuery();
  const online = useOnline();
  const saved = useSavedCopy();
  const [offline, setOffline] = useState(false);
  const signedIn = me.data?.id;
  useEffect(() => {
    if (!signedIn) return;
    // Once the page has settled (settled.ts): the copy (the whole compendium's CLEAR entries) is not
    // what the reader came for, and should not hold the page they opened up.
    let current = true;
    void whenSettled().then(() => {
      if (current) void refreshSavedCopy();
    });
    return () => {
      current = false;
    };
  }, [signedIn]);
  const unreachable = !online || (me.isError && isNetworkError(me.error));
  const cut = !me.data && unreachable && saved.status === "ready" && saved.saved !== null;
  useEffect(() => {
    if (cut) setOffline(true);
  }, [cut]);
  if (!cut && !offline) return children;
  return (
    <OfflineModeContext.Provider value={true}>
      <RouterProvider router={offlineRouter()} />
    </OfflineModeContext.Provider>
  );
}

// Loaded on demand, as in the app's router (the service worker keeps their chunks: sw-build.ts).
// With what every page but the first screen needs, as there.
const CompendiumPage = lazy(() =>
  Promise.all([import("../compendium/compendium-page.tsx"), forEveryPage()]).then(([module]) => ({
    default: module.CompendiumPage,
  })),
);
const EntryPage = lazy(() =>
  Promise.all([import("../compendium/entry-page.tsx"), forEveryPage()]).then(([module]) => ({
    default: module.EntryPage,
  })),
);

// Made once, when first needed: a router listens to the browser's history from its creation on.
let router: ReturnType<typeof createBrowserRouter> | null = null;
function offlineRouter() {
  router ??= createBrowserRouter([
    {
      path: "/",
      element: <OfflineFrame />,
      children: [
        { path: "compendium", element: <CompendiumPage /> },
        { path: "compendium/:slug", element: <EntryPage /> },
        { path: "*", element: <Navigate to="/compendium" replace /> },
        { index: true, element: <Navigate to="/compendium" replace /> },
      ],
    },
  ]);
  return router;
}

function OfflineFrame() {
  const { t } = useTranslation();
  return (
    <Box mih="100vh" bg="var(--mantine-color-gray-0)">
      <Group
        component="header"
        h={64}
        px="md"
        justify="space-between"
        wrap="nowrap"
        bg="white"
        style={{ borderBottom: "1px solid var(--mantine-color-gray-3)" }}
      >
        <Group gap={8} wrap="nowrap">
          <Logo size={30} />
          <Title order={1} size="h3">
            {t("app.name")}
          </Title>
          <Badge color="orange" variant="light">
            {t("compendium.offline.badge")}
          </Badge>
        </Group>
        <Button
          variant="default"
          leftSection={<IconRefresh size={16} />}
          onClick={() => window.location.reload()}
        >
          {t("compendium.offline.reconnect")}
        </Button>
      </Group>
      <Box component="main" p="lg">
        <Text size="sm" c="dimmed" mb="md">
          {t("compendium.offline.frame")}
        </Text>
        <Suspense fallback={<Loader />}>
          <Outlet />
        </Suspense>
      </Box>
    </Box>
  );
}
