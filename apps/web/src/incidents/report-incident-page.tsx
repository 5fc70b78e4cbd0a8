// The first notice of an incident, as an operator's duty officer files it: what happened, when it
// began and when they became aware (deadlines count from then), the suspected cause (an attack
// names its threat family), a proposed severity, the regime, the assets down or degraded and since when, the impact,
// and who sees it (TLP and audience). Without a network the notice waits in this browser and is
// sent when the network returns (notice-outbox.ts); the page says so.
import type { IncidentCreateInput } from "@bulwark/contracts";
import {
  INCIDENT_SEVERITIES,
  INCIDENT_TYPES,
  type IncidentSeverity,
  type IncidentType,
  SUSPECTED_CAUSES,
  type SuspectedCause,
  THREAT_FAMILIES,
  type ThreatFamily,
  type TlpMarking,
} from "@bulwark/core";
import {
  ActionIcon,
  Alert,
  Button,
  Fieldset,
  Group,
  MultiSelect,
  NumberInput,
  Select,
  Stack,
  TagsInput,
  Text,
  Textarea,
  TextInput,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconPlus, IconTrash, IconWifiOff } from "@tabler/icons-react";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { client, problemOf } from "../app/api.ts";
import { useMe } from "../app/auth.tsx";
import { displayNames } from "../app/format.ts";
import { PageHeader } from "../app/page-parts.tsx";
import { ProblemAlert } from "../app/problem-alert.tsx";
import { isOneOf, type Option } from "../app/vocabulary.ts";
import { AssetSelect } from "../assets/asset-search.tsx";
import { TlpRulePicker } from "../assets/tlp-pickers.tsx";
import { ExerciseAnswerNote, useExerciseAnswer } from "../exercises/exercise-answer.tsx";
import { isNetworkError } from "../offline/offline-hooks.ts";
import { fromLocalInput, localInput, useTypeLabel } from "./incident-parts.tsx";
import { queueNotice, useNoticeOutbox } from "./notice-outbox.ts";

interface AssetRow {
  key: number;
  asset: Option | null;
  status: "down" | "degraded";
  at: string;
}

const LETTERS = "abcdefghijklmnopqrstuvwxyz";

/** Countries (ISO 3166-1 alpha-2) that Intl names, in the reader's language. */
function useCountryOptions(): Option[] {
  const { i18n } = useTranslation();
  return useMemo(() => {
    const names = displayNames(i18n.language, "region");
    const options: Option[] = [];
    for (const first of LETTERS)
      for (const second of LETTERS) {
        const code = `${first}${second}`.toUpperCase();
        try {
          const name = names.of(code);
          if (name && name !== code) options.push({ value: code, label: name });
        } catch {
          // Not a code Intl knows: not offered.
        }
      }
    return options.sort((a, b) => a.label.localeCompare(b.label, i18n.language));
  }, [i18n.language]);
}

export function ReportIncidentPage() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const typeLabel = useTypeLabel();
  const countries = useCountryOptions();
  const now = useMemo(() => localInput(new Date()), []);
  const [title, setTitle] = useState("");
  const [description, setDescription] = useState("");
  const [type, setType] = useState<IncidentType>("technical-failure");
  const [startedAt, setStartedAt] = useState(now);
  const [awareAt, setAwareAt] = useState(now);
  const [cause, setCause] = useState<SuspectedCause>("unknown");
  const [threatFamily, setThreatFamily] = useState<ThreatFamily | null>(null);
  const [causeDetails, setCauseDetails] = useState("");
  const [regime, setRegime] = useState<string | null>(null);
  const [severity, setSeverity] = useState<IncidentSeverity | null>(null);
  const [rows, setRows] = useState<AssetRow[]>([{ key: 0, asset: null, status: "down", at: now }]);
  const [services, setServices] = useState<string[]>([]);
  const [people, setPeople] = useState<number | null>(null);
  const [abroad, setAbroad] = useState<string[]>([]);
  const [abroadDetails, setAbroadDetails] = useState("");
  const [tlp, setTlp] = useState<TlpMarking>("amber");
  const [organisationIds, setOrganisationIds] = useState<string[]>([]);
  const [communityIds, setCommunityIds] = useState<string[]>([]);
  const [userIds, setUserIds] = useState<string[]>([]);
  const [queued, setQueued] = useState(false);
  // Opened from an exercise's inject: the incident is filed in exercise mode, from the inject's words.
  const answer = useExerciseAnswer();
  const prefill = answer?.prefill ?? null;
  const prefilled = useRef(false);
  useEffect(() => {
    if (!prefill || prefilled.current) return;
    prefilled.current = true;
    setTitle((current) => current || prefill.title);
    setDescription((current) => current || prefill.description);
  }, [prefill]);

  const regimes = useQuery({
    queryKey: ["notification-regimes"],
    queryFn: () => client.call("listNotificationRegimes", {}),
    staleTime: Number.POSITIVE_INFINITY,
  });
  const organisations = useQuery({
    queryKey: ["organisations", "all"],
    queryFn: () => client.call("listOrganisations", { query: { limit: 500 } }),
  });
  const communities = useQuery({
    queryKey: ["communities", "mine"],
    queryFn: () => client.call("listCommunities", { query: { limit: 500 } }),
  });
  const addressable = useQuery({
    queryKey: ["sharing", "people"],
    queryFn: () => client.call("listAddressablePeople", {}),
    enabled: tlp === "red",
  });
  const chosenRegime = regime ?? regimes.data?.[0]?.id ?? null;
  const mine = (communities.data?.items ?? []).filter((community) =>
    community.organisations.some((organisation) => organisation.id === me.organisation.id),
  );

  const outbox = useNoticeOutbox(me.id, {
    onSent: (notice) =>
      notifications.show({ color: "teal", message: t("incidents.form.sent", { title: notice.input.title }) }),
    onRefused: (notice, error) =>
      notifications.show({
        color: "red",
        autoClose: false,
        message: t("incidents.form.failed", {
          title: notice.input.title,
          reason: problemOf(error)?.detail ?? error.message,
        }),
      }),
  });

  const input = (): IncidentCreateInput | null => {
    const started = fromLocalInput(startedAt);
    const aware = fromLocalInput(awareAt);
    const assets = rows.flatMap((row) => {
      const at = fromLocalInput(row.at);
      return row.asset && at ? [{ assetId: row.asset.value, status: row.status, at }] : [];
    });
    if (!started || !aware || !chosenRegime) return null;
    return {
      title,
      description,
      type,
      startedAt: started,
      awareAt: aware,
      regime: chosenRegime,
      tlp,
      audience: tlp === "red" ? { userIds } : { organisationIds, communityIds },
      ...(severity ? { severity } : {}),
      suspectedCause: cause,
      ...(cause === "attack" && threatFamily ? { threatFamily } : {}),
      causeDetails,
      servicesAffected: services,
      peopleAffected: people,
      effectsAbroad: abroad,
      effectsAbroadDetails: abroadDetails,
      assets,
    };
  };

  const file = useMutation({
    // Run without a network too (by default the query client holds mutations until it returns):
    // the notice is then kept in the browser, and the officer sees that it waits.
    networkMode: "always",
    mutationFn: async (body: IncidentCreateInput) => {
      // An exercise answer is never kept to be sent later as a real notice.
      if (answer) return await answer.file(body);
      if (!navigator.onLine) return null;
      try {
        return await client.call("createIncident", { body });
      } catch (error) {
        if (isNetworkError(error)) return null;
        throw error;
      }
    },
    onSuccess: (incident, body) => {
      if (incident) {
        navigate(`/incidents/${incident.id}`);
        return;
      }
      queueNotice(me.id, body);
      setQueued(true);
    },
  });
  const noAssets = rows.every((row) => row.asset === null);
  const setRow = (key: number, change: Partial<AssetRow>) =>
    setRows((current) => current.map((row) => (row.key === key ? { ...row, ...change } : row)));

  return (
    <Stack gap="md" maw={900}>
      {answer && <ExerciseAnswerNote answer={answer} />}
      <PageHeader title={t("incidents.form.title")} subtitle={t("incidents.form.subtitle")} />
      <QueuedNotes count={outbox.waiting.length} justQueued={queued} onSend={() => void outbox.send()} />
      <form
        onSubmit={(event) => {
          event.preventDefault();
          const body = input();
          if (body) file.mutate(body);
        }}
      >
        <Stack gap="md">
          <Fieldset legend={t("incidents.form.what")}>
            <Stack gap="sm">
              <TextInput
                label={t("incidents.form.incidentTitle")}
                value={title}
                onChange={(e) => setTitle(e.currentTarget.value)}
                required
                maxLength={300}
              />
              <Textarea
                label={t("incidents.form.description")}
                value={description}
                onChange={(e) => setDescription(e.currentTarget.value)}
                autosize
                minRows={3}
              />
              <Select
                label={t("incidents.form.type")}
                data={INCIDENT_TYPES.map((value) => ({ value, label: typeLabel(value) }))}
                value={type}
                onChange={(value) => isOneOf(INCIDENT_TYPES, value) && setType(value)}
                allowDeselect={false}
              />
              <Group grow align="flex-start">
                <TextInput
                  type="datetime-local"
                  label={t("incidents.form.startedAt")}
                  value={startedAt}
                  onChange={(e) => setStartedAt(e.currentTarget.value)}
                  required
                />
                <TextInput
                  type="datetime-local"
                  label={t("incidents.form.awareAt")}
                  description={t("incidents.form.awareHint")}
                  value={awareAt}
                  onChange={(e) => setAwareAt(e.currentTarget.value)}
                  required
                />
              </Group>
              <Group grow align="flex-start">
                <Select
                  label={t("incidents.form.cause")}
                  data={SUSPECTED_CAUSES.map((value) => ({ value, label: t(`incidents.causes.${value}`) }))}
                  value={cause}
                  onChange={(value) => isOneOf(SUSPECTED_CAUSES, value) && setCause(value)}
                  allowDeselect={false}
                />
                {cause === "attack" && (
                  <Select
                    label={t("incidents.form.threatFamily")}
                    data={THREAT_FAMILIES.map((value) => ({
                      value,
                      label: t(`compendium.threats.${value}`),
                    }))}
                    value={threatFamily}
                    onChange={(value) => setThreatFamily(isOneOf(THREAT_FAMILIES, value) ? value : null)}
                    required
                  />
                )}
              </Group>
              <Textarea
                label={t("incidents.form.causeDetails")}
                value={causeDetails}
                onChange={(e) => setCauseDetails(e.currentTarget.value)}
                autosize
                minRows={2}
              />
              <Select
                label={t("incidents.severity.proposal")}
                description={t("incidents.severity.proposalHint")}
                placeholder={t("incidents.severity.none")}
                data={INCIDENT_SEVERITIES.map((value) => ({
                  value,
                  label: `${t(`incidents.severity.levels.${value}`)} — ${t(`incidents.severity.meanings.${value}`)}`,
                }))}
                value={severity}
                onChange={(value) => setSeverity(isOneOf(INCIDENT_SEVERITIES, value) ? value : null)}
                clearable
              />
              <Select
                label={t("incidents.form.regime")}
                data={(regimes.data ?? []).map((entry) => ({ value: entry.id, label: entry.title }))}
                value={chosenRegime}
                onChange={setRegime}
                allowDeselect={false}
                required
              />
            </Stack>
          </Fieldset>
          <Fieldset legend={t("incidents.form.assets")}>
            <Stack gap="sm">
              <Text size="sm" c="dimmed">
                {t("incidents.form.assetsHint")}
              </Text>
              {rows.map((row) => (
                <Group key={row.key} align="flex-end" wrap="wrap" data-testid="incident-asset-row">
                  <div style={{ flex: 2, minWidth: 240 }}>
                    <AssetSelect
                      label={t("incidents.form.pickAsset")}
                      value={row.asset}
                      onChange={(asset) => setRow(row.key, { asset })}
                      exclude={rows.flatMap((other) =>
                        other.key !== row.key && other.asset ? [other.asset.value] : [],
                      )}
                    />
                  </div>
                  <Select
                    label={t("incidents.form.assetStatus")}
                    data={(["down", "degraded"] as const).map((value) => ({
                      value,
                      label: t(`incidents.assetStatuses.${value}`),
                    }))}
                    value={row.status}
                    onChange={(value) =>
                      (value === "down" || value === "degraded") && setRow(row.key, { status: value })
                    }
                    allowDeselect={false}
                    w={150}
                  />
                  <TextInput
                    type="datetime-local"
                    label={t("incidents.form.since")}
                    value={row.at}
                    onChange={(e) => setRow(row.key, { at: e.currentTarget.value })}
                    required
                    w={220}
                  />
                  {rows.length > 1 && (
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      size="lg"
                      mb={2}
                      aria-label={t("incidents.form.removeAsset", { asset: row.asset?.label ?? "" })}
                      onClick={() => setRows((current) => current.filter((other) => other.key !== row.key))}
                    >
                      <IconTrash size={18} aria-hidden="true" />
                    </ActionIcon>
                  )}
                </Group>
              ))}
              <Group>
                <Button
                  variant="default"
                  leftSection={<IconPlus size={16} aria-hidden="true" />}
                  onClick={() =>
                    setRows((current) => [
                      ...current,
                      {
                        key: Math.max(...current.map((row) => row.key)) + 1,
                        asset: null,
                        status: "down",
                        at: now,
                      },
                    ])
                  }
                >
                  {t("incidents.form.addAsset")}
                </Button>
              </Group>
            </Stack>
          </Fieldset>
          <Fieldset legend={t("incidents.form.impact")}>
            <Stack gap="sm">
              <TagsInput
                label={t("incidents.form.services")}
                description={t("incidents.form.servicesHint")}
                value={services}
                onChange={setServices}
                maxTags={50}
              />
              <NumberInput
                label={t("incidents.form.people")}
                value={people ?? ""}
                onChange={(value) => setPeople(typeof value === "number" ? value : null)}
                min={0}
                allowDecimal={false}
                allowNegative={false}
              />
              <MultiSelect
                label={t("incidents.form.abroad")}
                data={countries}
                value={abroad}
                onChange={setAbroad}
                searchable
              />
              <Textarea
                label={t("incidents.form.abroadDetails")}
                value={abroadDetails}
                onChange={(e) => setAbroadDetails(e.currentTarget.value)}
                autosize
                minRows={2}
              />
            </Stack>
          </Fieldset>
          <Fieldset legend={t("incidents.form.sharing")}>
            <Stack gap="sm">
              <TlpRulePicker label={t("sharing.composePage.marking")} value={tlp} onChange={setTlp} />
              {tlp === "red" ? (
                <MultiSelect
                  label={t("sharing.composePage.people")}
                  data={(addressable.data ?? []).map((person) => ({
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
                      label={t("incidents.form.organisations")}
                      description={t("incidents.form.organisationsHint")}
                      data={(organisations.data?.items ?? []).map((o) => ({ value: o.id, label: o.name }))}
                      value={organisationIds}
                      onChange={setOrganisationIds}
                      searchable
                    />
                    <MultiSelect
                      label={t("sharing.composePage.communities")}
                      data={mine.map((community) => ({ value: community.id, label: community.name }))}
                      value={communityIds}
                      onChange={setCommunityIds}
                      searchable
                    />
                  </>
                )
              )}
            </Stack>
          </Fieldset>
          <ProblemAlert error={file.error} />
          {noAssets && (
            <Text size="sm" c="dimmed">
              {t("incidents.form.noAssets")}
            </Text>
          )}
          <Group>
            <Button type="submit" loading={file.isPending} disabled={noAssets || !title.trim()}>
              {t("incidents.form.submit")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}

/** What waits in this browser to be sent, with a way to send it now. */
export function QueuedNotes({
  count,
  justQueued = false,
  onSend,
}: {
  count: number;
  justQueued?: boolean;
  onSend: () => void;
}) {
  const { t } = useTranslation();
  if (count === 0) return null;
  return (
    <Alert color="orange" icon={<IconWifiOff size={18} />} role="status" data-testid="queued-notices">
      <Stack gap="xs">
        {justQueued && <Text size="sm">{t("incidents.form.queued")}</Text>}
        <Group justify="space-between" wrap="wrap">
          <Text size="sm" fw={600}>
            {t("incidents.form.waiting", { count })}
          </Text>
          <Button size="xs" variant="default" onClick={onSend}>
            {t("incidents.form.sendNow")}
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}
