// The signed-in frame: header (product, language, who is signed in, sign out) and navbar around
// the current page. Also the guard that sends visitors without a session to the sign-in page.
import type { Me } from "@bulwark/contracts";
import {
  Alert,
  Anchor,
  AppShell,
  Burger,
  Button,
  Center,
  Group,
  Loader,
  Stack,
  Text,
  Title,
} from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { IconLogout } from "@tabler/icons-react";
import { useMutation } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, Navigate, Outlet, useLocation } from "react-router";
import { NotificationBell } from "../notifications/notification-bell.tsx";
import { GlossaryButton, GlossaryProvider } from "../search/glossary.tsx";
import { SearchButton } from "../search/search-button.tsx";
import { client, meKey, queryClient } from "./api.ts";
import { MeProvider, useMe, useMeQuery } from "./auth.tsx";
import { LanguageSwitcher } from "./language-switcher.tsx";
import { Logo } from "./logo.tsx";
import { Navigation } from "./navigation.tsx";

export function RequireSignIn() {
  const { t } = useTranslation();
  const location = useLocation();
  const me = useMeQuery();
  if (me.isPending)
    return (
      <Center mih="100vh">
        <Stack align="center">
          <Loader />
          <Text c="dimmed">{t("app.loading")}</Text>
        </Stack>
      </Center>
    );
  if (me.isError)
    return (
      <Center mih="100vh" p="md">
        <Alert color="red" title={t("app.unavailable")}>
          <Stack align="flex-start">
            <Text size="sm">{t("errors.network")}</Text>
            <Button size="xs" onClick={() => void me.refetch()}>
              {t("common.retry")}
            </Button>
          </Stack>
        </Alert>
      </Center>
    );
  if (!me.data) return <Navigate to="/sign-in" replace state={{ from: location.pathname }} />;
  return (
    <MeProvider me={me.data}>
      <Shell />
    </MeProvider>
  );
}

function Shell() {
  const { t } = useTranslation();
  const me = useMe();
  const [opened, { toggle, close }] = useDisclosure(false);
  const signOut = useMutation({
    mutationFn: () => client.call("logout"),
    // Whatever the server says, this browser forgets the session.
    onSettled: () => {
      queryClient.setQueryData<Me | null>(meKey, null);
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== meKey[0] });
    },
  });

  return (
    <GlossaryProvider>
      <AppShell
        header={{ height: 64 }}
        navbar={{ width: 270, breakpoint: "sm", collapsed: { mobile: !opened } }}
        padding="lg"
      >
        <AppShell.Header>
          <Group h="100%" px="md" justify="space-between" wrap="nowrap">
            <Group gap="sm" wrap="nowrap">
              <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t("nav.open")} />
              <Anchor component={Link} to="/" underline="never" c="inherit">
                <Group gap={8} wrap="nowrap">
                  <Logo size={30} />
                  <Title order={1} size="h3" className="bulwark-app-name">
                    {t("app.name")}
                  </Title>
                </Group>
              </Anchor>
            </Group>
            <Group gap="sm" wrap="nowrap">
              <SearchButton />
              <GlossaryButton />
              <NotificationBell />
              <LanguageSwitcher />
              <Stack gap={0} visibleFrom="md" style={{ textAlign: "end" }} data-testid="signed-in-user">
                <Text size="sm" fw={600} lineClamp={1}>
                  <bdi>{me.name}</bdi>
                </Text>
                <Text size="xs" c="dimmed" lineClamp={1}>
                  <bdi>{me.organisation.name}</bdi>
                </Text>
              </Stack>
              <Button
                variant="default"
                leftSection={<IconLogout size={16} />}
                onClick={() => signOut.mutate()}
                loading={signOut.isPending}
                visibleFrom="sm"
              >
                {t("common.signOut")}
              </Button>
            </Group>
          </Group>
        </AppShell.Header>
        <AppShell.Navbar p="xs">
          <Navigation onNavigate={close} />
          {/* On a phone the header has no room for who is signed in and signing out: the menu has. */}
          <AppShell.Section
            hiddenFrom="sm"
            pt="xs"
            style={{ borderTop: "1px solid var(--mantine-color-gray-3)" }}
          >
            <Group justify="space-between" wrap="nowrap" gap="xs">
              <Stack gap={0} style={{ minWidth: 0 }}>
                <Text size="sm" fw={600} truncate>
                  <bdi>{me.name}</bdi>
                </Text>
                <Text size="xs" c="dimmed" truncate>
                  <bdi>{me.organisation.name}</bdi>
                </Text>
              </Stack>
              <Button
                variant="default"
                leftSection={<IconLogout size={16} />}
                onClick={() => signOut.mutate()}
                loading={signOut.isPending}
              >
                {t("common.signOut")}
              </Button>
            </Group>
          </AppShell.Section>
        </AppShell.Navbar>
        <AppShell.Main bg="var(--mantine-color-gray-0)">
          <Outlet />
        </AppShell.Main>
      </AppShell>
    </GlossaryProvider>
  );
}
