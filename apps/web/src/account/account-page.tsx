// My account: who I am, my password, two-factor sign-in, API tokens and how I am notified.
import { Badge, Group, Paper, Stack, Text, Title } from "@mantine/core";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useMe } from "../app/auth.tsx";
import { PageHeader } from "../app/page-parts.tsx";
import { useLabels } from "../app/vocabulary.ts";
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
