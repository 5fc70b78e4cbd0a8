// My account: who I am, my language, my password, two-factor sign-in, API tokens and how I am notified.
import type { Me } from "@bulwark/contracts";
import { LANGUAGES, type Language } from "@bulwark/core";
import { Badge, Group, Paper, Select, Stack, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { client, meKey, queryClient } from "../app/api.ts";
import { useMe } from "../app/auth.tsx";
import { PageHeader } from "../app/page-parts.tsx";
import { ProblemAlert } from "../app/problem-alert.tsx";
import { useLabels } from "../app/vocabulary.ts";
import { changeLanguage, isLanguage, LANGUAGE_NAMES } from "../i18n/index.ts";
import { NotificationSettings } from "../notifications/notification-settings.tsx";
import { ApiTokens } from "./api-tokens.tsx";
import { PasswordForm } from "./password-form.tsx";
import { TwoFactor } from "./two-factor.tsx";

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-label={title}>
      <Title order={3} size="h4" mb="md">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

const NOT_CHOSEN = "none";

/** The language kept on the account: the interface follows it after sign-in, the server too. */
function LanguageChoice() {
  const { t } = useTranslation();
  const me = useMe();
  const choose = useMutation({
    mutationFn: (language: Language | null) => client.call("setLanguage", { body: { language } }),
    onSuccess: (updated) => {
      queryClient.setQueryData<Me | null>(meKey, updated);
      if (updated.language) changeLanguage(updated.language);
      notifications.show({ color: "teal", message: t("accountLanguage.saved") });
    },
  });
  return (
    <Stack maw={420}>
      <Text size="sm" c="dimmed">
        {t("accountLanguage.help")}
      </Text>
      <Select
        label={t("accountLanguage.label")}
        data={[
          { value: NOT_CHOSEN, label: t("accountLanguage.none") },
          ...LANGUAGES.map((language) => ({ value: language, label: LANGUAGE_NAMES[language] })),
        ]}
        value={me.language ?? NOT_CHOSEN}
        onChange={(next) => {
          if (next === NOT_CHOSEN) choose.mutate(null);
          else if (next && isLanguage(next)) choose.mutate(next);
        }}
        allowDeselect={false}
        disabled={choose.isPending}
        comboboxProps={{ withinPortal: true }}
      />
      {choose.error && <ProblemAlert error={choose.error} />}
    </Stack>
  );
}

export function AccountPage() {
  const { t } = useTranslation();
  const me = useMe();
  const labels = useLabels();
  return (
    <Stack gap="lg" maw={1100}>
      <PageHeader title={t("account.title")} />
      <Section title={t("account.profile")}>
        <Stack gap={6}>
          <Text fw={600} size="lg">
            {me.name}
          </Text>
          <Text size="sm">{me.email}</Text>
          <Text size="sm" c="dimmed">
            {me.organisation.name} · {labels.kind(me.organisation.kind)}
          </Text>
          <Group gap="xs" mt={4}>
            {me.roles.map((role) => (
              <Badge key={role} variant="outline" tt="none">
                {labels.role(role)}
              </Badge>
            ))}
          </Group>
        </Stack>
      </Section>
      <Section title={t("accountLanguage.title")}>
        <LanguageChoice />
      </Section>
      <Section title={t("account.password")}>
        <PasswordForm />
      </Section>
      <Section title={t("account.twoFactor")}>
        <TwoFactor />
      </Section>
      <Section title={t("account.tokens")}>
        <ApiTokens />
      </Section>
      <Section title={t("notifications.settings.title")}>
        <NotificationSettings />
      </Section>
    </Stack>
  );
}
