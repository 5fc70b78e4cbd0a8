// The bell in the header: how many notifications are unread, and the list of them (unread first):
// items addressed to me, approvals and acknowledgements awaited, actions and reviews due, replies.
// Each opens what it is about and marks itself read. The server lists only notifications about
// things the reader may still see. The count refreshes every minute and on each navigation.
import { type Notification, notificationPath } from "@bulwark/contracts";
import {
  ActionIcon,
  Badge,
  Button,
  Group,
  Indicator,
  Popover,
  ScrollArea,
  Stack,
  Text,
  UnstyledButton,
} from "@mantine/core";
import { IconBell } from "@tabler/icons-react";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useLocation, useNavigate } from "react-router";
import { client, queryClient } from "../app/api.ts";
import { useFormat } from "../app/format.ts";
import { useLiveRefresh } from "../app/live.tsx";

const KEY = ["notifications"] as const;
const LIVE_URL = "/api/notifications/events";
const LIVE_KEYS = [KEY];
const LIVE_TYPES = ["notification"];

/** Where a notification leads. */
export const linkOf = (notification: Notification): string => notificationPath(notification);

export function NotificationBell() {
  const { t } = useTranslation();
  const format = useFormat();
  const navigate = useNavigate();
  const [opened, setOpened] = useState(false);
  const { pathname } = useLocation();
  // New notifications arrive as they are written: the stream names them (its recipient's alone) and
  // the count and list are asked again; also when it (re)opens, for what came while it was away.
  useLiveRefresh(LIVE_URL, LIVE_KEYS, LIVE_TYPES);
  const unread = useQuery({
    // Also asked again on each page change, and each minute should the stream be down.
    queryKey: [...KEY, "unread", pathname],
    queryFn: () => client.call("unreadNotifications"),
    refetchInterval: 60_000,
  });
  const list = useQuery({
    queryKey: [...KEY, "list"],
    queryFn: () => client.call("listNotifications", { query: { limit: 30 } }),
    enabled: opened,
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: KEY });
  const open = useMutation({
    mutationFn: async (notification: Notification) => {
      if (!notification.readAt) await client.call("readNotification", { params: { id: notification.id } });
      return notification;
    },
    onSuccess: async (notification) => {
      setOpened(false);
      await refresh();
      await navigate(linkOf(notification));
    },
  });
  const readAll = useMutation({ mutationFn: () => client.call("readAllNotifications"), onSuccess: refresh });
  const count = unread.data?.count ?? 0;
  const label = t("notifications.unread", { count });

  return (
    // The indicator wraps the popover so that the popover's ARIA attributes land on the button.
    <Indicator label={count > 99 ? "99+" : count} size={18} disabled={count === 0} color="red" offset={4}>
      <Popover opened={opened} onChange={setOpened} position="bottom-end" width={360} shadow="md" withArrow>
        <Popover.Target>
          <ActionIcon
            variant="default"
            size="lg"
            onClick={() => setOpened((value) => !value)}
            aria-label={t("pattern.labelValue", { label: t("notifications.bell"), value: label })}
            data-testid="notification-bell"
            data-unread={count}
          >
            <IconBell size={18} />
          </ActionIcon>
        </Popover.Target>
        <Popover.Dropdown p="xs">
          <Stack gap="xs">
            <Group justify="space-between" px={4}>
              <Text size="sm" fw={700}>
                {t("notifications.bell")}
              </Text>
              {count > 0 && (
                <Button
                  size="compact-xs"
                  variant="subtle"
                  onClick={() => readAll.mutate()}
                  loading={readAll.isPending}
                >
                  {t("notifications.markAll")}
                </Button>
              )}
            </Group>
            {list.data && list.data.items.length === 0 && (
              <Text size="sm" c="dimmed" p="xs">
                {t("notifications.empty")}
              </Text>
            )}
            <ScrollArea.Autosize mah={420}>
              <Stack gap={2}>
                {list.data?.items.map((notification) => (
                  <UnstyledButton
                    key={notification.id}
                    onClick={() => open.mutate(notification)}
                    p="xs"
                    data-testid="notification"
                    data-kind={notification.kind}
                    style={{
                      borderRadius: "var(--mantine-radius-sm)",
                      background: notification.readAt ? undefined : "var(--mantine-color-blue-0)",
                    }}
                  >
                    <Group gap="xs" wrap="nowrap" align="flex-start">
                      {!notification.readAt && (
                        <Badge size="xs" circle color="blue" mt={4} aria-hidden>
                          {" "}
                        </Badge>
                      )}
                      <Stack gap={0}>
                        <Text size="sm" lh={1.35}>
                          {t(`notifications.${notification.kind}`, {
                            name: notification.actor?.name ?? t("notifications.someone"),
                            title: notification.subject.title,
                          })}
                        </Text>
                        <Text size="xs" c="dimmed">
                          {format.dateTime(notification.createdAt)}
                        </Text>
                      </Stack>
                    </Group>
                  </UnstyledButton>
                ))}
              </Stack>
            </ScrollArea.Autosize>
          </Stack>
        </Popover.Dropdown>
      </Popover>
    </Indicator>
  );
}
