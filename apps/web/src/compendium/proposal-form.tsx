// The editor of a proposal: every field of an entry's content, the Markdown body with a preview,
// the tags, marking and source, and a note for the moderators. The server validates; its field
// errors (problem+json errors[].path) show by their fields (proposal-draft.ts).
import { ENTRY_TYPES } from "@bulwark/core";
import {
  Alert,
  Button,
  Group,
  MultiSelect,
  NumberInput,
  Paper,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  Tabs,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { IconEye, IconMarkdown } from "@tabler/icons-react";
import { type FormEvent, type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { problemOf } from "../app/api.ts";
import { ProblemAlert } from "../app/problem-alert.tsx";
import { isOneOf, type Option } from "../app/vocabulary.ts";
import { TlpBadge } from "../assets/tlp-badge.tsx";
import type { compendium } from "../i18n/en-compendium.ts";
import { useCompendiumLabels } from "./compendium-vocabulary.ts";
import { EntryBody } from "./entry-content.tsx";
import { type Draft, MARKINGS, proposalErrorsOf } from "./proposal-draft.ts";

/** Paths of the errors shown by a field, which the alert below the form does not repeat. */
const SHOWN_ERRORS = [
  ...[
    "title",
    "type",
    "toolKind",
    "summary",
    "body",
    "language",
    "phases",
    "sectors",
    "threats",
    "themes",
    "regions",
    "countries",
    "languages",
    "marking",
    "source",
  ].map((name) => `content.${name}`),
  "body.slug",
  "body.note",
];

/**
 * The server's answer below the form. When every error already shows by its field, a short
 * pointer to them is enough (the problem's detail would list them all again).
 */
function FormProblem({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const errors = problemOf(error)?.errors ?? [];
  const allShown =
    errors.length > 0 && errors.every((item) => SHOWN_ERRORS.some((path) => item.path.includes(path)));
  if (!allShown) return <ProblemAlert error={error} fields={SHOWN_ERRORS} />;
  return (
    <Alert color="red" variant="light" role="alert">
      <Text size="sm" fw={600}>
        {t("compendium.editor.fixFields")}
      </Text>
    </Alert>
  );
}

type FieldKey = keyof (typeof compendium)["fields"];

/** Keeps values that are not among the options (a rare language code) choosable. */
const withValues = (options: Option[], values: readonly string[]): Option[] => [
  ...options,
  ...values
    .filter((value) => !options.some((option) => option.value === value))
    .map((value) => ({ value, label: value })),
];

function Section({ title, intro, children }: { title: string; intro?: string; children: ReactNode }) {
  return (
    <Paper withBorder radius="md" p={{ base: "md", sm: "lg" }} component="section">
      <Stack gap="md">
        <Stack gap={2}>
          <Title order={3} size="h4">
            {title}
          </Title>
          {intro && (
            <Text size="sm" c="dimmed">
              {intro}
            </Text>
          )}
        </Stack>
        {children}
      </Stack>
    </Paper>
  );
}

export function ProposalForm({
  initial,
  isNew,
  submitLabel,
  pending,
  error,
  onSubmit,
  onCancel,
}: {
  initial: Draft;
  /** A new entry: its slug may be chosen. */
  isNew: boolean;
  submitLabel: string;
  pending: boolean;
  error: unknown;
  onSubmit: (draft: Draft) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const labels = useCompendiumLabels();
  const [draft, setDraft] = useState(initial);
  const [bodyTab, setBodyTab] = useState<string | null>("write");
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) =>
    setDraft((current) => ({ ...current, [key]: value }));
  const errors = proposalErrorsOf(error);
  const field = (key: FieldKey) => t(`compendium.fields.${key}`);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit(draft);
  };

  const tags = (
    key: "phases" | "sectors" | "threats" | "themes" | "regions" | "countries" | "languages",
    options: Option[],
  ) => (
    <MultiSelect
      label={field(key)}
      placeholder={draft[key].length === 0 ? t("compendium.editor.pickMany") : undefined}
      data={withValues(options, draft[key])}
      value={draft[key]}
      onChange={(value) => set(key, value)}
      error={errors[key]}
      searchable
      clearable
      hidePickedOptions
      maxDropdownHeight={260}
      comboboxProps={{ withinPortal: true }}
    />
  );

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="lg">
        <Section title={t("compendium.editor.content")}>
          <TextInput
            label={field("title")}
            value={draft.title}
            onChange={(event) => set("title", event.currentTarget.value)}
            error={errors.title}
            required
            size="md"
          />
          {isNew && (
            <TextInput
              label={field("slug")}
              description={t("compendium.editor.slugHint")}
              value={draft.slug}
              onChange={(event) => set("slug", event.currentTarget.value)}
              error={errors.slug}
              styles={{ input: { fontFamily: "var(--mantine-font-family-monospace)" } }}
            />
          )}
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Select
              label={field("type")}
              data={labels.typeOptions}
              value={draft.type}
              onChange={(value) => isOneOf(ENTRY_TYPES, value) && set("type", value)}
              error={errors.type}
              allowDeselect={false}
              required
            />
            {draft.type === "tool" && (
              <Select
                label={field("toolKind")}
                data={labels.toolKindOptions}
                value={draft.toolKind}
                onChange={(value) => set("toolKind", value)}
                error={errors.toolKind}
                clearable
              />
            )}
            <Select
              label={field("language")}
              data={withValues(labels.languageOptions, [draft.language])}
              value={draft.language}
              onChange={(value) => value && set("language", value)}
              error={errors.language}
              searchable
              allowDeselect={false}
            />
          </SimpleGrid>
          <Textarea
            label={field("summary")}
            description={t("compendium.editor.summaryHint")}
            value={draft.summary}
            onChange={(event) => set("summary", event.currentTarget.value)}
            error={errors.summary}
            required
            autosize
            minRows={3}
            maxRows={8}
          />
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              {field("body")}
            </Text>
            <Tabs value={bodyTab} onChange={setBodyTab} variant="outline">
              <Tabs.List>
                <Tabs.Tab value="write" leftSection={<IconMarkdown size={16} />}>
                  {t("compendium.editor.write")}
                </Tabs.Tab>
                <Tabs.Tab value="preview" leftSection={<IconEye size={16} />}>
                  {t("compendium.editor.preview")}
                </Tabs.Tab>
              </Tabs.List>
              <Tabs.Panel value="write" pt="xs">
                <Textarea
                  aria-label={field("body")}
                  description={t("compendium.editor.bodyHint")}
                  value={draft.body}
                  onChange={(event) => set("body", event.currentTarget.value)}
                  error={errors.body}
                  autosize
                  minRows={12}
                  maxRows={30}
                  styles={{ input: { fontFamily: "var(--mantine-font-family-monospace)", fontSize: 13 } }}
                />
              </Tabs.Panel>
              <Tabs.Panel value="preview" pt="md" px="xs">
                {draft.body.trim() ? (
                  <EntryBody markdown={draft.body} />
                ) : (
                  <Text c="dimmed" size="sm">
                    {t("compendium.editor.nothingToPreview")}
                  </Text>
                )}
              </Tabs.Panel>
            </Tabs>
          </Stack>
        </Section>
        <Section title={t("compendium.editor.tagsSection")} intro={t("compendium.editor.tagsIntro")}>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {tags("phases", labels.phaseOptions)}
            {tags("sectors", labels.sectorOptions)}
            {tags("threats", labels.threatOptions)}
            {tags("themes", labels.themeOptions)}
            {tags("regions", labels.regionOptions)}
            {tags("countries", labels.countryOptions)}
            {tags("languages", labels.languageOptions)}
          </SimpleGrid>
          <Radio.Group
            label={t("compendium.editor.marking")}
            description={t("compendium.editor.markingHint")}
            value={draft.marking}
            onChange={(value) => isOneOf(MARKINGS, value) && set("marking", value)}
            error={errors.marking}
          >
            <Group gap="lg" mt={6}>
              {MARKINGS.map((marking) => (
                <Radio
                  key={marking}
                  value={marking}
                  aria-label={t(`markings.${marking}`)}
                  label={<TlpBadge marking={marking} />}
                />
              ))}
            </Group>
          </Radio.Group>
        </Section>
        <Section title={t("compendium.editor.sourceSection")} intro={t("compendium.editor.sourceIntro")}>
          <Textarea
            label={field("source.citation")}
            value={draft.citation}
            onChange={(event) => set("citation", event.currentTarget.value)}
            error={errors["source.citation"] ?? errors.source}
            required
            autosize
            minRows={2}
          />
          <TextInput
            label={field("source.url")}
            placeholder="https://"
            type="url"
            value={draft.url}
            onChange={(event) => set("url", event.currentTarget.value)}
            error={errors["source.url"]}
          />
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput
              label={field("source.publisher")}
              value={draft.publisher}
              onChange={(event) => set("publisher", event.currentTarget.value)}
              error={errors["source.publisher"]}
            />
            <NumberInput
              label={field("source.year")}
              value={draft.year}
              onChange={(value) => set("year", value)}
              error={errors["source.year"]}
              allowDecimal={false}
              min={1800}
              max={2200}
            />
            <TextInput
              label={field("source.licence")}
              value={draft.licence}
              onChange={(event) => set("licence", event.currentTarget.value)}
              error={errors["source.licence"]}
            />
          </SimpleGrid>
        </Section>
        <Section title={field("note")} intro={t("compendium.editor.noteHint")}>
          <Textarea
            aria-label={field("note")}
            value={draft.note}
            onChange={(event) => set("note", event.currentTarget.value)}
            error={errors.note}
            autosize
            minRows={2}
          />
        </Section>
        <FormProblem error={error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" loading={pending}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
