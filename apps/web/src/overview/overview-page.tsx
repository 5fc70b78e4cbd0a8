// Home: who you are, where you belong, and how much of the directory you can see.
import { Badge, Group, Paper, SimpleGrid, Skeleton, Stack, Text, ThemeIcon, Title } from "@mantine/core";
import { IconBuilding, IconUsers, IconUsersGroup } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { client } from "../app/api.ts";
import { useMe } from "../app/auth.tsx";
import { useFormat } from "../app/format.ts";
import { useLabels } from "../app/vocabulary.ts";

function Count({
  label,
  to,
  icon,
  total,
}: {
  label: string;
  to: string;
  icon: ReactNode;
  total: number | null | undefined;
}) {
  const format = useFormat();
  return (
    <Paper
      component={Link}
      to={to}
      withBorder
      p="lg"
      radius="md"
      style={{ textDecoration: "none", color: "inherit" }}
    >
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={4}>
          <Text size="sm" c="dimmed">
            {label}
          </Text>
          {total === undefined ? (
            <Skeleton height={32} width={60} />
          ) : total === null ? (
            <Text fz={32} fw={700} lh={1} c="dimmed">
              –
            </Text>
          ) : (
            <Text fz={32} fw={700} lh={1}>
              {format.number(total)}
            </Text>
          )}
        </Stack>
        <ThemeIcon variant="light" size="xl" radius="md">
          {icon}
        </ThemeIcon>
      </Group>
    </Paper>
  );
}

export function OverviewPage() {
  const { t } = useTranslation();
  const me = useMe();
  const labels = useLabels();
  const organisations = useQuery({
    queryKey: ["organisations", "total"],
    queryFn: () => client.call("listOrganisations", { query: { limit: 1 } }),
  });
  const people = useQuery({
    queryKey: ["users", "total"],
    queryFn: () => client.call("listUsers", { query: { limit: 1 } }),
  });
  const communities = useQuery({
    queryKey: ["communities", "total"],
    queryFn: () => client.call("listCommunities", { query: { limit: 1 } }),
  });

  return (
    <Stack gap="xl" maw={1100}>
      <Stack gap={4}>
        <Title order={2}>{t("overview.welcome", { name: me.name })}</Title>
        <Text c="dimmed">{t("overview.intro")}</Text>
      </Stack>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Paper withBorder p="lg" radius="md">
          <Text size="sm" c="dimmed" mb={4}>
            {t("overview.organisation")}
          </Text>
          <Text fw={600} size="lg">
            {me.organisation.name}
          </Text>
          <Badge variant="light" mt="xs" tt="none">
            {labels.kind(me.organisation.kind)}
          </Badge>
        </Paper>
        <Paper withBorder p="lg" radius="md">
          <Text size="sm" c="dimmed" mb={8}>
            {t("overview.roles")}
          </Text>
          <Group gap="xs">
            {me.roles.map((role) => (
              <Badge key={role} variant="outline" tt="none">
                {labels.role(role)}
              </Badge>
            ))}
          </Group>
        </Paper>
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <Count
          label={t("overview.organisations")}
          to="/organisations"
          icon={<IconBuilding size={22} />}
          total={organisations.isError ? null : organisations.data?.total}
        />
        <Count
          label={t("overview.people")}
          to="/people"
          icon={<IconUsers size={22} />}
          total={people.isError ? null : people.data?.total}
        />
        <Count
          label={t("overview.communities")}
          to="/communities"
          icon={<IconUsersGroup size={22} />}
          total={communities.isError ? null : communities.data?.total}
        />
      </SimpleGrid>
      <Paper withBorder p="lg" radius="md" bg="var(--mantine-color-bulwark-0)">
        <Title order={3} size="h5" mb={6}>
          {t("overview.plannedTitle")}
        </Title>
        <Text size="sm">{t("overview.plannedText")}</Text>
      </Paper>
    </Stack>
  );
}
