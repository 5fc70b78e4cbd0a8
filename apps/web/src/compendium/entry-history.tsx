// An entry's published versions, newest first: who, when and why, and on demand what changed
// from the version before.
import type { EntryDetail } from "@bulwark/contracts";
import { Badge, Button, Group, Loader, Paper, Stack, Text, Timeline } from "@mantine/core";
import { IconChevronDown, IconChevronUp, IconHistory } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { client } from "../app/api.ts";
import { useFormat } from "../app/format.ts";
import { ProblemAlert } from "../app/problem-alert.tsx";
import { DiffView } from "./entry-diff.tsx";

export function EntryHistory({ entry }: { entry: EntryDetail }) {
  const { t } = useTranslation();
  const format = useFormat();
  const versions = useQuery({
    queryKey: ["compendium", "versions", entry.slug, entry.version],
    queryFn: () => client.call("listEntryVersions", { params: { slug: entry.slug } }),
  });
  if (versions.isPending) return <Loader />;
  if (!versions.data) return <ProblemAlert error={versions.error} />;
  return (
    <Timeline bulletSize={28} lineWidth={2} active={0} aria-label={t("compendium.history.title")}>
      {versions.data.map((version) => (
        <Timeline.Item
          key={version.version}
          bullet={<IconHistory size={14} />}
          title={
            <Group gap="xs">
              <Text fw={600}>
                {version.author
                  ? t("compendium.history.versionBy", { version: version.version, name: version.author.name })
                  : t("compendium.history.versionPack", { version: version.version })}
              </Text>
              {version.version === entry.version && (
                <Badge size="xs" variant="light">
                  {t("compendium.history.current")}
                </Badge>
              )}
            </Group>
          }
        >
          <Text size="xs" c="dimmed" mb={4}>
            {format.dateTime(version.createdAt)}
          </Text>
          <Text size="sm" fs={version.note ? undefined : "italic"} c={version.note ? undefined : "dimmed"}>
            {version.note ?? t("compendium.history.noNote")}
          </Text>
          <VersionChanges slug={entry.slug} version={version.version} />
        </Timeline.Item>
      ))}
    </Timeline>
  );
}

function VersionChanges({ slug, version }: { slug: string; version: number }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const detail = useQuery({
    queryKey: ["compendium", "version", slug, version],
    queryFn: () => client.call("getEntryVersion", { params: { slug, version } }),
    enabled: open,
    staleTime: Number.POSITIVE_INFINITY,
  });
  if (version === 1)
    return (
      <Text size="xs" c="dimmed" mt={4}>
        {t("compendium.history.first")}
      </Text>
    );
  return (
    <Stack gap="xs" mt={6}>
      <Button
        variant="subtle"
        size="compact-sm"
        w="fit-content"
        px={4}
        rightSection={open ? <IconChevronUp size={14} /> : <IconChevronDown size={14} />}
        onClick={() => setOpen(!open)}
        aria-expanded={open}
      >
        {t("compendium.history.showChanges")}
      </Button>
      {open &&
        (detail.isPending ? (
          <Loader size="sm" />
        ) : detail.data ? (
          <Paper withBorder p="sm" radius="md">
            <DiffView diff={detail.data.diff} />
          </Paper>
        ) : (
          <ProblemAlert error={detail.error} />
        ))}
    </Stack>
  );
}
