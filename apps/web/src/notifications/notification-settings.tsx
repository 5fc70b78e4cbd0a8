// My notification settings (on the account page): for each topic, in the app, e-mail at once, a
// daily e-mail digest, or off; and the language of my e-mails. E-mail choices are offered only
// when the installation sends e-mail.
import {
  type Delivery,
  LANGUAGES,
  type Language,
  NOTIFICATION_TOPICS,
  type NotificationTopic,
} from "@bulwark/core";
import { Alert, Button, Group, Select, Stack, Table, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQuery } from "@tanstack/react-query";
import { type FormEvent, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { client, queryClient } from "../app/api.ts";
import { ProblemAlert } from "../app/problem-alert.tsx";
import { LANGUAGE_NAMES } from "../i18n/index.ts";

const KEY = ["notifications", "settings"] as const;
const DELIVERY_CHOICES: readonly Delivery[] = ["app", "email", "digest", "off"];

export function NotificationSettings() {
  const { t } = useTranslation();
  const settings = useQuery({ queryKey: KEY, queryFn: () => client.call("notificationSettings") });
  const [deliveries, setDeliveries] = useState<Record<NotificationTopic, Delivery> | null>(null);
  const [language, setLanguage] = useState<Language>("en");
  useEffect(() => {
    if (settings.data) {
      setDeliveries(settings.data.deliveries);
      setLanguage(settings.data.language);
    }
  }, [settings.data]);
  const save = useMutation({
    mutationFn: (body: { deliveries: Record<NotificationTopic, Delivery>; language: Language }) =>
      client.call("updateNotificationSettings", { body }),
    onSuccess: (saved) => {
      queryClient.setQueryData(KEY, saved);
      notifications.show({ color: "teal", message: t("notifications.settings.saved") });
    },
  });
  if (settings.error) return <ProblemAlert error={settings.error} />;
  if (!settings.data || !deliveries) return null;
  const emailAvailable = settings.data.emailAvailable;
  const choices = DELIVERY_CHOICES.map((delivery) => ({
    value: delivery,
    label: t(`notifications.settings.deliveries.${delivery}`),
  }));

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({ deliveries, language });
  };

  return (
    <form onSubmit={onSubmit} noValidate data-testid="notification-settings">
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {t("notifications.settings.intro")}
        </Text>
        {!emailAvailable && (
          <Alert color="gray" variant="light">
            {t("notifications.settings.noEmail")}
          </Alert>
        )}
        <Table.ScrollContainer minWidth={320}>
          <Table verticalSpacing="xs">
            <Table.Tbody>
              {NOTIFICATION_TOPICS.map((topic) => (
                <Table.Tr key={topic}>
                  <Table.Td>
                    <Text size="sm" id={`topic-${topic}`}>
                      {t(`notifications.settings.topics.${topic}`)}
                    </Text>
                  </Table.Td>
                  <Table.Td w={230}>
                    <Select
                      aria-labelledby={`topic-${topic}`}
                      data={choices}
                      value={deliveries[topic]}
                      allowDeselect={false}
                      onChange={(value) => {
                        if (value) setDeliveries({ ...deliveries, [topic]: value as Delivery });
                      }}
                      size="sm"
                      comboboxProps={{ withinPortal: true }}
                    />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <Select
          label={t("notifications.settings.language")}
          data={LANGUAGES.map((value) => ({ value, label: LANGUAGE_NAMES[value] }))}
          value={language}
          allowDeselect={false}
          onChange={(value) => {
            if (value) setLanguage(value as Language);
          }}
          maw={260}
          comboboxProps={{ withinPortal: true }}
        />
        {save.error && <ProblemAlert error={save.error} />}
        <Group>
          <Button type="submit" loading={save.isPending}>
            {t("notifications.settings.save")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
