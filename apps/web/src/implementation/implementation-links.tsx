// Links to the implementation profiles the reader may open (its own state's, and those shared with
// it), shown on the self-assessment's home; nothing when there is none.
import { Anchor, Card, Group, Stack, Text, Title } from "@mantine/core";
import { IconReportAnalytics } from "@tabler/icons-react";
import { queryOptions, useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { client } from "../app/api.ts";
import { useFormat } from "../app/format.ts";

/** The profiles the reader may open: the links' query, and what the self-assessment's home prepares. */
export const implementationProfilesQuery = queryOptions({
  queryKey: ["implementation", "list"],
  queryFn: () => client.call("listImplementationProfiles", {}),
});

export function ImplementationLinks() {
  const { t } = useTranslation();
  const format = useFormat();
  const profiles = useQuery(implementationProfilesQuery);
  const items = profiles.data ?? [];
  if (items.length === 0) return null;
  return (
    <Card withBorder radius="md" p="md" component="section" aria-labelledby="implementation-links">
      <Stack gap={6}>
        <Group gap="xs">
          <IconReportAnalytics size={18} aria-hidden />
          <Title order={3} id="implementation-links">
            {t("implementation.linksTitle")}
          </Title>
        </Group>
        <Text size="sm" c="dimmed">
          {t("implementation.linksHint")}
        </Text>
        <Group gap="lg">
          {items.map((profile) => (
            <Anchor
              key={profile.country}
              component={Link}
              to={`/implementation/${profile.country}`}
              size="sm"
            >
              {t(profile.own ? "implementation.ownProfile" : "implementation.sharedProfile", {
                country: format.country(profile.country),
              })}
            </Anchor>
          ))}
        </Group>
      </Stack>
    </Card>
  );
}
