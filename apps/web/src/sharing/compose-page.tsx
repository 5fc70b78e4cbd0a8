// Compose a shared item: type, title, Markdown text, sectors, assets concerned, the TLP marking
// (each with its rule in words; markings wider than the author's roles allow are disabled), the
// audience (communities and organisations, or named people for RED) and a live preview of who
// will see it; for an alert, its CAP 1.2 warning; for an indicator, an optional STIX 2.1 pattern
// checked as it is typed; and files to attach. "Save draft" keeps it;
// "Send" saves, attaches the files and submits (four eyes may hold it).
import type { AudiencePreview, SharedItemComposeInput } from "@bulwark/contracts";
import {
  ROLES,
  SECTORS,
  SHARED_ITEM_TYPES,
  stixPatternProblem,
  TLP_MARKINGS,
  type TlpMarking,
} from "@bulwark/core";
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Checkbox,
  Grid,
  Group,
  MultiSelect,
  Paper,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { keepPreviousData, useMutation, useQuery } from "@tanstack/react-query";
import { useCallback, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { client } from "../app/api.ts";
import { useMe } from "../app/auth.tsx";
import { useFormat } from "../app/format.ts";
import { PageHeader } from "../app/page-parts.tsx";
import { ProblemAlert } from "../app/problem-alert.tsx";
import { isOneOf, type Option, onlyOf, useLabels } from "../app/vocabulary.ts";
import { AssetMultiSelect } from "../assets/asset-search.tsx";
import { TlpRulePicker } from "../assets/tlp-pickers.tsx";
import { type IncidentAlertDraft, useIncidentAlert } from "../incidents/incident-alert.ts";
import { Term } from "../search/glossary.tsx";
import { AlertWarningFields, emptyWarning, warningInput } from "./alert-warning-fields.tsx";
import { FilePicker, type PickedFile, uploadFile } from "./attachments-panel.tsx";

const rank = (marking: TlpMarking) => TLP_MARKINGS.indexOf(marking);

export function ComposePage() {
  const { t } = useTranslation();
  const labels = useLabels();
  const me = useMe();
  const navigate = useNavigate();
  const [type, setType] = useState<SharedItemComposeInput["type"]>("alert");
  const [title, setTitle] = useState("");
  const [body, setBody] = useState("");
  const [sectors, setSectors] = useState<string[]>([]);
  const [assets, setAssets] = useState<Option[]>([]);
  const [tlp, setTlp] = useState<TlpMarking>("amber");
  const [communityIds, setCommunityIds] = useState<string[]>([]);
  const [organisationIds, setOrganisationIds] = useState<string[]>([]);
  const [userIds, setUserIds] = useState<string[]>([]);
  const [revealAudience, setRevealAudience] = useState(false);
  const [personalDataRoles, setPersonalDataRoles] = useState<string[]>([]);
  const [warning, setWarning] = useState(() => emptyWarning(t("sharing.warning.areaDefault")));
  const [pattern, setPattern] = useState("");
  const [files, setFiles] = useState<PickedFile[]>([]);
  // A draft saved whose files did not all go up: the author finishes it on its page.
  const [unfinished, setUnfinished] = useState<string | null>(null);
  // Opened from an incident (?incident=<id>): an alert pre-filled from it, linked to it once sent.
  const [unlinked, setUnlinked] = useState<string | null>(null);
  const fromIncident = useIncidentAlert(
    useCallback((draft: IncidentAlertDraft) => {
      setType("alert");
      setTitle(draft.title);
      setBody(draft.body);
      setSectors(draft.sectors);
      setAssets(draft.assets);
      setTlp(draft.tlp);
      setOrganisationIds(draft.organisationIds);
      setWarning(draft.warning);
    }, []),
  );

  const settings = useQuery({
    queryKey: ["sharing", "settings"],
    queryFn: () => client.call("getSharingSettings", {}),
  });
  const communities = useQuery({
    queryKey: ["communities", "mine"],
    queryFn: () => client.call("listCommunities", { query: { limit: 500 } }),
  });
  const organisations = useQuery({
    queryKey: ["organisations", "all"],
    queryFn: () => client.call("listOrganisations", { query: { limit: 500 } }),
  });
  const people = useQuery({
    queryKey: ["sharing", "people"],
    queryFn: () => client.call("listAddressablePeople", {}),
    enabled: tlp === "red",
  });

  const red = tlp === "red";
  const audience = red ? { userIds } : { communityIds, organisationIds };
  const preview = useQuery({
    queryKey: ["sharing", "preview", tlp, audience],
    queryFn: () => client.call("previewSharingAudience", { body: { tlp, audience } }),
    placeholderData: keepPreviousData,
    retry: false,
  });

  const input = (): SharedItemComposeInput => ({
    type,
    title,
    body,
    sectors: onlyOf(SECTORS, sectors),
    assetIds: assets.map((asset) => asset.value),
    tlp,
    audience,
    revealAudience,
    personalDataRoles: onlyOf(ROLES, personalDataRoles),
    ...(type === "alert" ? { warning: warningInput(warning, title) } : {}),
    ...(type === "indicator" && pattern.trim() ? { pattern: pattern.trim() } : {}),
  });
  const save = useMutation({
    mutationFn: async (send: boolean) => {
      const draft = await client.call("createSharedItem", { body: input() });
      try {
        for (const file of files) await uploadFile(client, draft.id, file);
      } catch (error) {
        setUnfinished(draft.id);
        throw error;
      }
      const item = send ? await client.call("submitSharedItem", { params: { id: draft.id } }) : draft;
      if (item.type === "alert" && item.status === "published" && fromIncident.mayLink) {
        const linked = await fromIncident.link(item.id).catch(() => false);
        if (!linked) return { item, unlinked: true };
      }
      return { item, unlinked: false };
    },
    onSuccess: ({ item, unlinked: failed }) => {
      if (failed) setUnlinked(item.id);
      else navigate(`/sharing/${item.id}`);
    },
  });

  const widest = settings.data?.widestMarking ?? null;
  const mine = (communities.data?.items ?? []).filter((community) =>
    community.organisations.some((organisation) => organisation.id === me.organisation.id),
  );

  return (
    <Stack gap="md">
      <PageHeader title={t("sharing.composePage.title")} subtitle={t("sharing.composePage.subtitle")} />
      {fromIncident.incident && (
        <Alert color="blue" data-testid="compose-from-incident">
          {t("incidents.cap.prefilled", { title: fromIncident.incident.title })}
        </Alert>
      )}
      <ProblemAlert error={fromIncident.error} />
      <Grid gutter="lg">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack gap="sm">
            <Select
              label={t("sharing.composePage.type")}
              data={SHARED_ITEM_TYPES.map((value) => ({ value, label: t(`sharing.types.${value}`) }))}
              value={type}
              onChange={(value) => isOneOf(SHARED_ITEM_TYPES, value) && setType(value)}
              allowDeselect={false}
            />
            <TextInput
              label={t("sharing.composePage.itemTitle")}
              value={title}
              onChange={(e) => setTitle(e.currentTarget.value)}
              required
            />
            <Textarea
              label={t("sharing.composePage.body")}
              description={t("sharing.composePage.bodyHint")}
              value={body}
              onChange={(e) => setBody(e.currentTarget.value)}
              autosize
              minRows={5}
            />
            <MultiSelect
              label={t("sharing.composePage.personalDataRoles")}
              data={labels.roleOptions}
              value={personalDataRoles}
              onChange={setPersonalDataRoles}
            />
            <MultiSelect
              label={t("sharing.composePage.sectors")}
              data={labels.sectorOptions}
              value={sectors}
              onChange={setSectors}
              searchable
            />
            {/* The server searches the whole registry as one types (the demo holds 2,003 assets). */}
            <AssetMultiSelect label={t("sharing.composePage.assets")} value={assets} onChange={setAssets} />
            <TlpRulePicker
              label={<Term id="tlp">{t("sharing.composePage.marking")}</Term>}
              description={
                widest ? t("sharing.composePage.widest", { marking: t(`markings.${widest}`) }) : undefined
              }
              value={tlp}
              onChange={setTlp}
              disabled={(marking) => widest === null || rank(marking) < rank(widest)}
            />
            {red ? (
              <MultiSelect
                label={t("sharing.composePage.people")}
                data={(people.data ?? []).map((person) => ({
                  value: person.id,
                  label: `${person.name} (${person.organisation.name})`,
                }))}
                value={userIds}
                onChange={setUserIds}
                searchable
              />
            ) : (
              tlp !== "clear" && (
                <>
                  <MultiSelect
                    label={t("sharing.composePage.communities")}
                    data={mine.map((community) => ({ value: community.id, label: community.name }))}
                    value={communityIds}
                    onChange={setCommunityIds}
                    searchable
                  />
                  <MultiSelect
                    label={t("sharing.composePage.organisations")}
                    data={(organisations.data?.items ?? []).map((o) => ({ value: o.id, label: o.name }))}
                    value={organisationIds}
                    onChange={setOrganisationIds}
                    searchable
                  />
                </>
              )
            )}
            {(tlp === "red" || tlp === "amber+strict") && (
              <Checkbox
                label={t("sharing.composePage.reveal")}
                checked={revealAudience}
                onChange={(e) => setRevealAudience(e.currentTarget.checked)}
              />
            )}
            {type === "alert" && <AlertWarningFields value={warning} onChange={setWarning} />}
            {type === "indicator" && <PatternField value={pattern} onChange={setPattern} />}
            {settings.data?.requiresFourEyes && ["amber", "amber+strict", "red"].includes(tlp) && (
              <Alert color="yellow">{t("sharing.composePage.fourEyes")}</Alert>
            )}
            <FilePicker files={files} onChange={setFiles} />
            <ProblemAlert error={save.error} />
            {unlinked && (
              <Alert color="yellow">
                <Anchor component={Link} to={`/sharing/${unlinked}`} size="sm">
                  {t("incidents.cap.linkFailed")}
                </Anchor>
              </Alert>
            )}
            {unfinished && (
              <Anchor component={Link} to={`/sharing/${unfinished}`} size="sm">
                {t("sharing.attachments.unfinished")}
              </Anchor>
            )}
            <Group>
              <Button
                variant="default"
                onClick={() => save.mutate(false)}
                loading={save.isPending && !save.variables}
                disabled={unfinished !== null || unlinked !== null}
              >
                {t("sharing.composePage.saveDraft")}
              </Button>
              <Button
                onClick={() => save.mutate(true)}
                loading={save.isPending && save.variables}
                disabled={unfinished !== null || unlinked !== null}
              >
                {t("sharing.composePage.send")}
              </Button>
            </Group>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <AudiencePreviewPanel preview={preview.data} error={preview.error} />
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

function AudiencePreviewPanel({ preview, error }: { preview: AudiencePreview | undefined; error: unknown }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Paper withBorder p="md" radius="md" data-testid="audience-preview" aria-live="polite">
      <Stack gap="xs">
        <Title order={4}>{t("sharing.composePage.preview")}</Title>
        <ProblemAlert error={error} />
        {preview && (
          <>
            <Text size="sm">{preview.rule}</Text>
            {preview.everyone ? (
              <Text fw={700}>{t("sharing.composePage.everyone")}</Text>
            ) : (
              <Text fw={700} data-testid="audience-reach">
                {t("sharing.composePage.reach", {
                  organisations: format.number(preview.organisationCount),
                  people: format.number(preview.peopleCount),
                })}
              </Text>
            )}
            {!preview.everyone && (
              <Group gap="xs">
                {preview.organisations.map((organisation) => (
                  <Badge key={organisation.id} variant="light" tt="none">
                    {organisation.name} · {format.number(organisation.people)}
                  </Badge>
                ))}
                {preview.people.map((person) => (
                  <Badge key={person.id} variant="light" color="red" tt="none">
                    {person.name}
                  </Badge>
                ))}
              </Group>
            )}
          </>
        )}
      </Stack>
    </Paper>
  );
}

/** An indicator's STIX 2.1 pattern, parsed as it is typed (the server checks it again). */
function PatternField({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  const { t } = useTranslation();
  const problem = value.trim() ? stixPatternProblem(value.trim()) : null;
  return (
    <Textarea
      label={t("sharing.composePage.pattern")}
      description={t("sharing.composePage.patternHint")}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      error={problem?.message}
      autosize
      minRows={2}
      spellCheck={false}
      styles={{ input: { fontFamily: "var(--mantine-font-family-monospace)" } }}
      data-testid="stix-pattern"
    />
  );
}
