// One compendium entry: what it is and its marking, the summary and text, its source and tags,
// related entries, and its history of versions; "Propose an edit" for those who may. Without a
// network, the copy saved on this device (CLEAR entries only), without history or proposals.
// When Bulwark translated the title and summary into the reader's language, they are shown in it,
// marked as Bulwark's translation, with a switch to the original (the body stays the original).
import type { EntryDetail } from "@bulwark/contracts";
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Grid,
  Group,
  Loader,
  Paper,
  Stack,
  Tabs,
  Text,
  Title,
} from "@mantine/core";
import { IconArrowLeft, IconFileText, IconHistory, IconPencil } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation, useParams, useSearchParams } from "react-router";
import { client } from "../app/api.ts";
import { useFormat } from "../app/format.ts";
import { TlpBadge } from "../assets/tlp-badge.tsx";
import { EntryDiscussion } from "../experts/discussion-thread.tsx";
import { useOfflineEntry } from "../offline/offline-compendium.ts";
import { isNetworkError, useOfflineMode, useOnline } from "../offline/offline-hooks.ts";
import { OfflineEntryBanner } from "../offline/offline-status.tsx";
import { useCompendiumLabels } from "./compendium-vocabulary.ts";
import { EntrySource, EntryTags, EntryText } from "./entry-content.tsx";
import { EntryHistory } from "./entry-history.tsx";
import { LoadFailure, TlpBanner, TypeBadge } from "./entry-parts.tsx";

/** Back to the search the reader came from, when there was one. */
export function BackToSearch() {
  const { t } = useTranslation();
  const location = useLocation();
  const state: unknown = location.state;
  const search =
    typeof state === "object" && state !== null && "search" in state && typeof state.search === "string"
      ? state.search
      : "";
  return (
    <Anchor component={Link} to={`/compendium${search}`} size="sm" w="fit-content">
      <Group gap={4}>
        <IconArrowLeft size={14} />
        {t("compendium.back")}
      </Group>
    </Anchor>
  );
}

export function EntryPage() {
  const { t, i18n } = useTranslation();
  const { slug = "" } = useParams();
  const offlineMode = useOfflineMode();
  const online = useOnline();
  const entry = useQuery({
    // The language is part of the key: the translation shown follows it.
    queryKey: ["compendium", "entry", slug, i18n.language],
    queryFn: () => client.call("getEntry", { params: { slug } }),
    enabled: !offlineMode,
  });
  const local = useOfflineEntry(slug, offlineMode || !online || isNetworkError(entry.error));
  return (
    <Stack gap="lg">
      <BackToSearch />
      {local ? (
        local.entry ? (
          <>
            <OfflineEntryBanner meta={local.meta} />
            <EntryView entry={local.entry} offline />
          </>
        ) : (
          <Alert color="gray">{t("compendium.offline.notSaved")}</Alert>
        )
      ) : entry.isPending ? (
        <Loader />
      ) : entry.data ? (
        <EntryView entry={entry.data} />
      ) : (
        <LoadFailure error={entry.error} notFound={t("compendium.notFound")} />
      )}
    </Stack>
  );
}

/** `offline`: read from the saved copy, so without the history (kept on the server). */
function EntryView({ entry, offline = false }: { entry: EntryDetail; offline?: boolean }) {
  const { t } = useTranslation();
  const labels = useCompendiumLabels();
  const format = useFormat();
  const [params, setParams] = useSearchParams();
  const tab = !offline && params.get("tab") === "history" ? "history" : "entry";
  const byline = [entry.source.publisher, entry.source.year].filter((part) => part !== null).join(" · ");
  const [original, setOriginal] = useState(false);
  const translation = original ? null : (entry.translation ?? null);
  // The original's language on the original's words, so that screen readers read them aright.
  const originalLanguage = translation ? undefined : entry.language;

  return (
    <>
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="md">
        <Stack gap={8} maw={860}>
          <Group gap={6}>
            <TypeBadge type={entry.type} size="md" />
            {entry.type === "tool" && entry.toolKind && (
              <Badge size="md" variant="outline" color="indigo" tt="none">
                {labels.toolKind(entry.toolKind)}
              </Badge>
            )}
            <TlpBadge marking={entry.marking} size="md" />
          </Group>
          <Title order={2} lh={1.25} lang={originalLanguage}>
            {translation?.title ?? entry.title}
          </Title>
          {entry.translation && (
            <Group gap="xs" wrap="wrap">
              <Badge size="md" variant="light" color="gray" tt="none">
                {t("compendium.entry.translatedBy")}
              </Badge>
              <Button
                variant="subtle"
                size="compact-sm"
                onClick={() => setOriginal(!original)}
                aria-pressed={original}
              >
                {original ? t("compendium.entry.showTranslation") : t("compendium.entry.showOriginal")}
              </Button>
            </Group>
          )}
          {byline && (
            <Text size="sm" c="dimmed">
              {byline}
            </Text>
          )}
          <Group gap="xs" c="dimmed">
            <Badge variant="light" color="gray" tt="none" size="md">
              {t("compendium.entry.version", { version: entry.version })}
            </Badge>
            <Text size="sm">
              {t("compendium.entry.updated", { date: format.date(entry.updatedAt) })} ·{" "}
              {entry.organisation
                ? t("compendium.entry.maintainedBy", { name: entry.organisation.name })
                : t("compendium.entry.shippedPack")}
            </Text>
          </Group>
        </Stack>
        {entry.abilities.propose && (
          <Button
            component={Link}
            to={`/compendium/${entry.slug}/propose`}
            variant="default"
            leftSection={<IconPencil size={16} />}
          >
            {t("compendium.entry.proposeEdit")}
          </Button>
        )}
      </Group>
      <TlpBanner marking={entry.marking} />
      <Tabs
        value={tab}
        onChange={(value) => setParams(value === "history" ? { tab: "history" } : {}, { replace: true })}
        keepMounted={false}
      >
        <Tabs.List mb="lg">
          <Tabs.Tab value="entry" leftSection={<IconFileText size={16} />}>
            {t("compendium.entry.tab")}
          </Tabs.Tab>
          {!offline && (
            <Tabs.Tab value="history" leftSection={<IconHistory size={16} />}>
              {t("compendium.entry.history")}
            </Tabs.Tab>
          )}
        </Tabs.List>
        <Tabs.Panel value="entry">
          <Grid gutter="xl">
            <Grid.Col span={{ base: 12, md: 8 }}>
              <Paper withBorder radius="md" p={{ base: "md", sm: "xl" }}>
                {translation && (
                  <Text size="sm" c="dimmed" mb="md">
                    {t("compendium.entry.translationNote", { language: labels.language(entry.language) })}
                  </Text>
                )}
                {translation?.stale && (
                  <Alert color="orange" variant="light" mb="md" data-testid="translation-stale">
                    {t("compendium.entry.translationStale")}
                  </Alert>
                )}
                <EntryText
                  content={{ body: entry.body, summary: translation?.summary ?? entry.summary }}
                  bodyLanguage={entry.language}
                  summaryLanguage={originalLanguage}
                />
                {entry.language !== "en" && (
                  <Text size="xs" c="dimmed" mt="lg">
                    {t("compendium.entry.writtenIn", { language: labels.language(entry.language) })}
                  </Text>
                )}
              </Paper>
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 4 }}>
              <Stack gap="md">
                <EntrySource source={entry.source} />
                <EntryTags content={entry} />
                <Related entry={entry} />
              </Stack>
            </Grid.Col>
          </Grid>
        </Tabs.Panel>
        <Tabs.Panel value="history">
          <EntryHistory entry={entry} />
        </Tabs.Panel>
      </Tabs>
      {!offline && <EntryDiscussion slug={entry.slug} />}
    </>
  );
}

function Related({ entry }: { entry: EntryDetail }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="entry-related">
      <Stack gap="sm">
        <Title order={3} size="h5" id="entry-related">
          {t("compendium.entry.related")}
        </Title>
        {entry.related.length === 0 && (
          <Text size="sm" c="dimmed">
            {t("compendium.entry.noRelated")}
          </Text>
        )}
        {entry.related.map((related) => (
          <Stack key={related.id} gap={2}>
            <Anchor component={Link} to={`/compendium/${related.slug}`} size="sm" fw={600} lh={1.35}>
              {related.translation?.title ?? related.title}
            </Anchor>
            <Group gap={6}>
              <TypeBadge type={related.type} />
              {related.year !== null && (
                <Text size="xs" c="dimmed">
                  {related.year}
                </Text>
              )}
            </Group>
          </Stack>
        ))}
      </Stack>
    </Paper>
  );
}
