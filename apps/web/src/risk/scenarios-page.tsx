// /risk/scenarios: the threat scenario catalogue, filterable by family, each scenario with its
// sectors, typical targets, attack paths, MITRE ATT&CK for ICS techniques and compendium entries.
import { THREAT_FAMILIES } from "@bulwark/core";
import {
  Anchor,
  Badge,
  Button,
  Group,
  List,
  Paper,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from "@mantine/core";
import { IconPlus } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { client } from "../app/api.ts";
import { ContentTranslationNote } from "../app/content-translation-note.tsx";
import { EmptyState, PageHeader, TableSkeleton } from "../app/page-parts.tsx";
import { ProblemAlert } from "../app/problem-alert.tsx";
import { useLabels } from "../app/vocabulary.ts";
import { ScenarioForm } from "./scenario-form.tsx";

export function ScenariosPage() {
  const { t } = useTranslation();
  const labels = useLabels();
  const [family, setFamily] = useState("all");
  const [adding, setAdding] = useState(false);
  const scenarios = useQuery({
    queryKey: ["risk", "scenarios"],
    queryFn: () => client.call("listRiskScenarios"),
  });
  const items = (scenarios.data?.items ?? []).filter((item) => family === "all" || item.family === family);
  return (
    <>
      <PageHeader
        title={t("risk.scenarios.title")}
        subtitle={t("risk.scenarios.subtitle")}
        actions={
          scenarios.data?.canAdd && (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setAdding(true)}>
              {t("risk.scenarios.add")}
            </Button>
          )
        }
      />
      <ScenarioForm opened={adding} onClose={() => setAdding(false)} />
      <Stack gap="md">
        <ProblemAlert error={scenarios.error} />
        <SegmentedControl
          value={family}
          onChange={setFamily}
          data={[
            { value: "all", label: t("risk.scenarios.allFamilies") },
            ...THREAT_FAMILIES.map((id) => ({ value: id, label: t(`compendium.threats.${id}`) })),
          ]}
          style={{ overflowX: "auto" }}
        />
        {scenarios.isPending ? (
          <TableSkeleton columns={2} />
        ) : items.length === 0 ? (
          <EmptyState>{t("risk.scenarios.empty")}</EmptyState>
        ) : (
          <SimpleGrid cols={{ base: 1, lg: 2 }}>
            {items.map((item) => (
              <Paper key={item.id} withBorder p="md" radius="md" data-testid="scenario" id={item.slug}>
                <Group justify="space-between" align="flex-start" mb={4}>
                  <Title order={4}>{item.title}</Title>
                  <Badge variant="light">{t(`compendium.threats.${item.family}`)}</Badge>
                </Group>
                <Text size="xs" c="dimmed" mb="xs">
                  {item.organisation
                    ? t("risk.scenarios.addedBy", { name: item.organisation.name })
                    : t("risk.scenarios.shipped")}
                </Text>
                <ContentTranslationNote shown={item.organisation === null} />
                <Text size="sm" fw={500}>
                  {item.summary}
                </Text>
                <Text size="sm" mt="xs">
                  {item.description}
                </Text>
                <Group gap={4} mt="sm">
                  {item.sectors.length === 0 ? (
                    <Badge size="sm" variant="outline" color="gray">
                      {t("risk.scenarios.sectorsAll")}
                    </Badge>
                  ) : (
                    item.sectors.map((sector) => (
                      <Badge key={sector} size="sm" variant="outline" color="gray" tt="none">
                        {labels.sector(sector)}
                      </Badge>
                    ))
                  )}
                </Group>
                <SimpleGrid cols={{ base: 1, sm: 2 }} mt="sm">
                  <Stack gap={2}>
                    <Text size="xs" fw={700} tt="uppercase" c="dimmed">
                      {t("risk.scenarios.targets")}
                    </Text>
                    <List size="sm">
                      {item.targets.map((target) => (
                        <List.Item key={target}>{target}</List.Item>
                      ))}
                    </List>
                  </Stack>
                  <Stack gap={2}>
                    <Text size="xs" fw={700} tt="uppercase" c="dimmed">
                      {t("risk.scenarios.attackPaths")}
                    </Text>
                    <List size="sm">
                      {item.attackPaths.map((path) => (
                        <List.Item key={path}>{path}</List.Item>
                      ))}
                    </List>
                  </Stack>
                </SimpleGrid>
                {item.attackIcs.length > 0 && (
                  <Stack gap={2} mt="sm">
                    <Text size="xs" fw={700} tt="uppercase" c="dimmed">
                      {t("risk.scenarios.attackIcs")}
                    </Text>
                    <Group gap={4}>
                      {item.attackIcs.map((technique) => (
                        <Anchor
                          key={technique.id}
                          href={`https://attack.mitre.org/techniques/${technique.id}`}
                          target="_blank"
                          rel="noreferrer"
                          size="xs"
                        >
                          <Badge
                            size="sm"
                            variant="light"
                            color="grape"
                            tt="none"
                            style={{ cursor: "pointer" }}
                          >
                            {technique.id} {technique.name}
                          </Badge>
                        </Anchor>
                      ))}
                    </Group>
                  </Stack>
                )}
                {item.compendium.length > 0 && (
                  <Stack gap={2} mt="sm">
                    <Text size="xs" fw={700} tt="uppercase" c="dimmed">
                      {t("risk.scenarios.compendium")}
                    </Text>
                    <Group gap="xs">
                      {item.compendium.map((slug) => (
                        <Anchor key={slug} component={Link} to={`/compendium/${slug}`} size="sm">
                          {slug}
                        </Anchor>
                      ))}
                    </Group>
                  </Stack>
                )}
              </Paper>
            ))}
          </SimpleGrid>
        )}
      </Stack>
    </>
  );
}
