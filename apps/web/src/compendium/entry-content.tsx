// An entry's content as readers see it, for the entry page and for a proposal's preview: the
// summary and Markdown body, the source it cites, and its tags (each a link to the search).
import type { EntryContent } from "@bulwark/contracts";
import { Anchor, Badge, Group, Paper, Skeleton, Stack, Text, Title } from "@mantine/core";
import { IconExternalLink } from "@tabler/icons-react";
import { lazy, type ReactNode, Suspense } from "react";
import { useTranslation } from "react-i18next";
import { TAG_FACETS } from "./compendium-vocabulary.ts";

// The Markdown renderer (react-markdown, remark-gfm) loads with the first entry, not the first page.
const EntryMarkdown = lazy(() =>
  import("./entry-markdown.tsx").then((module) => ({ default: module.EntryMarkdown })),
);

/** An entry's Markdown body. */
export function EntryBody({ markdown }: { markdown: string }) {
  return (
    <Suspense fallback={<Skeleton height={240} radius="md" />}>
      <EntryMarkdown>{markdown}</EntryMarkdown>
    </Suspense>
  );
}

import { TagBadge } from "./entry-parts.tsx";

/** `summaryLanguage` and `bodyLanguage`: the languages of the texts when known (a translated summary: the page's). */
export function EntryText({
  content,
  summaryLanguage,
  bodyLanguage,
}: {
  content: Pick<EntryContent, "summary" | "body">;
  summaryLanguage?: string | undefined;
  bodyLanguage?: string | undefined;
}) {
  const { t } = useTranslation();
  return (
    <Stack gap="lg">
      <Text
        size="lg"
        lh={1.6}
        fw={500}
        ps="md"
        style={{ borderInlineStart: "4px solid var(--mantine-color-bulwark-3)" }}
        dir="auto"
        lang={summaryLanguage}
      >
        {content.summary}
      </Text>
      {content.body.trim() ? (
        <div lang={bodyLanguage} dir="auto">
          <EntryBody markdown={content.body} />
        </div>
      ) : (
        <Text c="dimmed" size="sm">
          {t("compendium.entry.noBody")}
        </Text>
      )}
    </Stack>
  );
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed" fw={600} tt="uppercase">
        {label}
      </Text>
      <Text size="sm" component="div">
        {children}
      </Text>
    </Stack>
  );
}

/** The public document the entry cites; its link leaves the app in a new tab. */
export function EntrySource({ source }: { source: EntryContent["source"] }) {
  const { t } = useTranslation();
  const host = source.url ? hostOf(source.url) : null;
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="entry-source">
      <Stack gap="sm">
        <Title order={3} size="h5" id="entry-source">
          {t("compendium.entry.source")}
        </Title>
        <Text size="sm" lh={1.5}>
          {source.citation}
        </Text>
        {source.url && (
          <Anchor href={source.url} target="_blank" rel="noopener noreferrer" size="sm" fw={600}>
            <Group gap={4} wrap="nowrap" component="span">
              <IconExternalLink size={14} />
              {t("compendium.entry.openSource")}
              {host && (
                <Text span size="xs" c="dimmed" fw={400}>
                  ({host})
                </Text>
              )}
            </Group>
          </Anchor>
        )}
        {source.publisher && <Row label={t("compendium.entry.publisher")}>{source.publisher}</Row>}
        {source.year !== null && <Row label={t("compendium.entry.year")}>{source.year}</Row>}
        {source.licence && <Row label={t("compendium.entry.licence")}>{source.licence}</Row>}
      </Stack>
    </Paper>
  );
}

function hostOf(url: string): string | null {
  try {
    return new URL(url).hostname.replace(/^www\./, "");
  } catch {
    return null;
  }
}

/** Every tag of the entry, grouped, each a link to the entries sharing it. */
export function EntryTags({ content }: { content: EntryContent }) {
  const { t } = useTranslation();
  const groups = TAG_FACETS.map(([field, facet]) => ({ field, facet, values: content[field] }));
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="entry-tags">
      <Stack gap="sm">
        <Title order={3} size="h5" id="entry-tags">
          {t("compendium.entry.tags")}
        </Title>
        <Group gap={6}>
          <Text size="xs" c="dimmed" fw={600} tt="uppercase" w="100%">
            {t("compendium.facets.type")}
          </Text>
          <TagBadge facet="type" value={content.type} />
        </Group>
        {groups.map(({ field, facet, values }) =>
          values.length === 0 && field !== "sectors" ? null : (
            <Group gap={6} key={field}>
              <Text size="xs" c="dimmed" fw={600} tt="uppercase" w="100%">
                {t(`compendium.fields.${field}`)}
              </Text>
              {values.length === 0 ? (
                <Badge variant="default" radius="sm" tt="none" fw={500}>
                  {t("compendium.entry.allSectors")}
                </Badge>
              ) : (
                values.map((value) => <TagBadge key={value} facet={facet} value={value} />)
              )}
            </Group>
          ),
        )}
      </Stack>
    </Paper>
  );
}
