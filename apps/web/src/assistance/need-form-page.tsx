// Record an assistance need. Opened from a self-assessment gap (?from=gap&runId=…&questionId=…) or
// a follow-up action (?from=action&actionId=…), the form starts from the server's draft of it
// (title, description, theme and section, the organisation's sectors); otherwise empty.
import type { NeedCreateInput, NeedDraft } from "@bulwark/contracts";
import {
  ASSISTANCE_MODALITIES,
  type AssistanceModality,
  LANGUAGES,
  NEED_URGENCIES,
  type NeedUrgency,
  SECTORS,
  THEMES,
  type Theme,
} from "@bulwark/core";
import {
  Alert,
  Button,
  Group,
  MultiSelect,
  Select,
  Skeleton,
  Stack,
  Textarea,
  TextInput,
} from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate, useSearchParams } from "react-router";
import { client, fieldErrorsOf } from "../app/api.ts";
import { PageHeader } from "../app/page-parts.tsx";
import { ProblemAlert } from "../app/problem-alert.tsx";
import { isOneOf, onlyOf } from "../app/vocabulary.ts";
import {
  assistanceKey,
  useAssistanceAbilities,
  useAssistanceLabels,
  useResolutionSections,
} from "./assistance-parts.tsx";
import { AudienceFields, type AudienceValue, audienceOf } from "./audience-fields.tsx";

/** The draft's query from the address, or null for an empty form. */
function draftQuery(params: URLSearchParams) {
  const from = params.get("from");
  const runId = params.get("runId");
  const questionId = params.get("questionId");
  const actionId = params.get("actionId");
  if (from === "gap" && runId && questionId) return { runId, questionId };
  if (from === "action" && actionId) return { actionId };
  return null;
}

export function NewNeedPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const abilities = useAssistanceAbilities();
  const query = draftQuery(params);
  const draft = useQuery({
    queryKey: [...assistanceKey, "draft", query],
    queryFn: () => client.call("draftAssistanceNeed", { query: query ?? {} }),
    enabled: query !== null,
    retry: false,
  });
  return (
    <Stack gap="md">
      <PageHeader title={t("assistance.form.needTitle")} subtitle={t("assistance.form.needSubtitle")} />
      {!abilities.recordNeed ? (
        <Alert color="yellow">{t("assistance.form.cannotRecord")}</Alert>
      ) : query === null ? (
        <NeedForm draft={null} />
      ) : draft.isPending ? (
        <Skeleton height={400} />
      ) : draft.isError ? (
        <ProblemAlert error={draft.error} />
      ) : (
        <NeedForm draft={draft.data} />
      )}
    </Stack>
  );
}

function NeedForm({ draft }: { draft: NeedDraft | null }) {
  const { t } = useTranslation();
  const labels = useAssistanceLabels();
  const sections = useResolutionSections();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [title, setTitle] = useState(draft?.title ?? "");
  const [description, setDescription] = useState(draft?.description ?? "");
  const [theme, setTheme] = useState<Theme | null>(draft?.theme ?? null);
  const [section, setSection] = useState<string | null>(draft?.section ?? null);
  const [sectors, setSectors] = useState<string[]>(draft?.sectors ?? []);
  const [urgency, setUrgency] = useState<NeedUrgency>("medium");
  const [languages, setLanguages] = useState<string[]>([]);
  const [modality, setModality] = useState<AssistanceModality | null>(null);
  const [neededBy, setNeededBy] = useState("");
  const [audience, setAudience] = useState<AudienceValue>({
    tlp: "amber",
    communityIds: [],
    organisationIds: [],
    userIds: [],
  });
  const [tried, setTried] = useState(false);
  const save = useMutation({
    mutationFn: ({ theme, modality }: { theme: Theme; modality: AssistanceModality }) => {
      const body: NeedCreateInput = {
        title,
        description,
        theme,
        modality,
        sectors: onlyOf(SECTORS, sectors),
        section,
        urgency,
        languages: onlyOf(LANGUAGES, languages),
        neededBy: neededBy || null,
        tlp: audience.tlp,
        audience: audienceOf(audience),
        ...(draft ? { source: draft.source } : {}),
      };
      return client.call("createAssistanceNeed", { body });
    },
    onSuccess: (need) => {
      void queryClient.invalidateQueries({ queryKey: assistanceKey });
      navigate(`/assistance/needs/${need.id}`);
    },
  });
  const errors = fieldErrorsOf(save.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (theme && modality) save.mutate({ theme, modality });
  };
  const missing = (value: unknown) => (tried && value === null ? t("common.required") : undefined);
  return (
    <Stack gap="sm" component="form" onSubmit={submit} maw={760} aria-label={t("assistance.form.needTitle")}>
      {draft && (
        <Alert color="blue">
          {draft.source.kind === "gap" ? t("assistance.form.fromGap") : t("assistance.form.fromAction")}
        </Alert>
      )}
      <TextInput
        label={t("assistance.fields.title")}
        value={title}
        onChange={(event) => setTitle(event.currentTarget.value)}
        required
        error={errors.title}
      />
      <Textarea
        label={t("assistance.fields.description")}
        value={description}
        onChange={(event) => setDescription(event.currentTarget.value)}
        autosize
        minRows={4}
        error={errors.description}
      />
      <Group grow align="flex-start">
        <Select
          label={t("assistance.fields.theme")}
          data={labels.themeOptions}
          value={theme}
          onChange={(value) => setTheme(isOneOf(THEMES, value) ? value : null)}
          searchable
          required
          error={errors.theme ?? missing(theme)}
        />
        <Select
          label={t("assistance.fields.modality")}
          data={labels.modalityOptions}
          value={modality}
          onChange={(value) => setModality(isOneOf(ASSISTANCE_MODALITIES, value) ? value : null)}
          required
          error={errors.modality ?? missing(modality)}
        />
      </Group>
      <Select
        label={t("assistance.fields.section")}
        placeholder={t("assistance.fields.noSection")}
        data={[...sections].map(([value, label]) => ({ value, label }))}
        value={section}
        onChange={setSection}
        clearable
        error={errors.section}
      />
      <MultiSelect
        label={t("assistance.fields.sectors")}
        data={labels.sectorOptions}
        value={sectors}
        onChange={setSectors}
        searchable
      />
      <Group grow align="flex-start">
        <Select
          label={t("assistance.fields.urgency")}
          data={labels.urgencyOptions}
          value={urgency}
          onChange={(value) => isOneOf(NEED_URGENCIES, value) && setUrgency(value)}
          allowDeselect={false}
        />
        <TextInput
          type="date"
          label={t("assistance.fields.neededBy")}
          value={neededBy}
          onChange={(event) => setNeededBy(event.currentTarget.value)}
          error={errors.neededBy}
        />
      </Group>
      <MultiSelect
        label={t("assistance.fields.languages")}
        placeholder={languages.length === 0 ? t("assistance.fields.anyLanguage") : undefined}
        data={labels.languageOptions}
        value={languages}
        onChange={setLanguages}
      />
      <AudienceFields value={audience} onChange={setAudience} />
      <ProblemAlert
        error={save.error}
        fields={[
          "body.title",
          "body.description",
          "body.theme",
          "body.modality",
          "body.section",
          "body.neededBy",
        ]}
      />
      <Group>
        <Button type="submit" loading={save.isPending}>
          {t("assistance.form.submitNeed")}
        </Button>
      </Group>
    </Stack>
  );
}
