// The after-action review of a closed incident: what went well and what to improve, the follow-up
// actions it turns into (each moved on as it progresses), and the compendium case-study proposal it
// pre-fills, anonymised as its author chooses, which then goes through the compendium's review.
import type { Incident, IncidentReview } from "@bulwark/contracts";
import { ACTION_STATUSES } from "@bulwark/core";
import {
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { IconPlus, IconTrash } from "@tabler/icons-react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { client } from "../../app/api.ts";
import { useMe } from "../../app/auth.tsx";
import { useFormat } from "../../app/format.ts";
import { ListTable } from "../../app/page-parts.tsx";
import { ProblemAlert } from "../../app/problem-alert.tsx";
import { isOneOf } from "../../app/vocabulary.ts";
import { Section } from "../incident-panels.tsx";
import { incidentKey } from "../incident-parts.tsx";

const reviewKey = (id: string) => [...incidentKey(id), "review"] as const;
const CASE_MARKINGS = ["clear", "green", "amber"] as const;

export function ReviewPanel({ incident }: { incident: Incident }) {
  const { t } = useTranslation();
  const review = useQuery({
    queryKey: reviewKey(incident.id),
    queryFn: () => client.call("getIncidentReview", { params: { id: incident.id } }),
    enabled: incident.state === "closed",
  });
  if (incident.state !== "closed") return null;
  const data = review.data;
  return (
    <Section title={t("boardReports.review.title")} testId="incident-review">
      <ProblemAlert error={review.error} />
      {data?.review && <ReviewView incident={incident} review={data.review} />}
      {data && !data.review && !data.abilities.write && (
        <Text size="sm">{t("boardReports.review.none")}</Text>
      )}
      {data && !data.review && data.abilities.write && <WriteReview incident={incident} />}
    </Section>
  );
}

function ReviewView({ incident, review }: { incident: Incident; review: IncidentReview }) {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const progress = useMutation({
    mutationFn: ({ actionId, status }: { actionId: string; status: (typeof ACTION_STATUSES)[number] }) =>
      client.call("progressIncidentReviewAction", {
        params: { id: incident.id, actionId },
        body: { status },
      }),
    onSuccess: (next) => queryClient.setQueryData(reviewKey(incident.id), next),
  });
  return (
    <Stack gap="sm">
      <Text size="xs" c="dimmed">
        {t("boardReports.review.by", {
          person: review.author.name,
          organisation: review.organisation.name,
          date: format.dateTime(review.createdAt),
        })}
      </Text>
      <Title order={4} size="h5">
        {t("boardReports.review.wentWell")}
      </Title>
      <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
        {review.wentWell}
      </Text>
      <Title order={4} size="h5">
        {t("boardReports.review.toImprove")}
      </Title>
      <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
        {review.toImprove}
      </Text>
      <Title order={4} size="h5">
        {t("boardReports.review.actions")}
      </Title>
      <ListTable
        loading={false}
        failed={false}
        isEmpty={review.actions.length === 0}
        empty={t("boardReports.review.noActions")}
        skeletonColumns={4}
        minWidth={720}
        headers={
          <>
            <Table.Th>{t("boardReports.review.actionTitle")}</Table.Th>
            <Table.Th>{t("boardReports.review.owner")}</Table.Th>
            <Table.Th>{t("boardReports.review.dueOn")}</Table.Th>
            <Table.Th>{t("boardReports.review.status")}</Table.Th>
          </>
        }
      >
        {review.actions.map((action) => (
          <Table.Tr key={action.id} data-testid="review-action">
            <Table.Td>
              <Text size="sm" fw={600}>
                {action.title}
              </Text>
              {action.description && (
                <Text size="xs" c="dimmed">
                  {action.description}
                </Text>
              )}
            </Table.Td>
            <Table.Td>{action.ownerOrganisation.name}</Table.Td>
            <Table.Td>
              {format.date(action.dueOn)}{" "}
              {action.overdue && (
                <Badge color="red.9" variant="filled" size="xs">
                  {t("boardReports.review.overdue")}
                </Badge>
              )}
            </Table.Td>
            <Table.Td>
              <Select
                aria-label={t("boardReports.review.statusOf", { title: action.title })}
                data={ACTION_STATUSES.map((value) => ({
                  value,
                  label: t(`boardReports.review.statuses.${value}`),
                }))}
                value={action.status}
                onChange={(value) =>
                  isOneOf(ACTION_STATUSES, value) && progress.mutate({ actionId: action.id, status: value })
                }
                allowDeselect={false}
                size="xs"
                w={160}
              />
            </Table.Td>
          </Table.Tr>
        ))}
      </ListTable>
      <ProblemAlert error={progress.error} />
      {review.proposal && (
        <Text size="sm" data-testid="review-proposal">
          {t("boardReports.review.proposal")}{" "}
          <Anchor component={Link} to={`/compendium/proposals/${review.proposal.id}`}>
            {review.proposal.title}
          </Anchor>{" "}
          ({t(`compendium.states.${review.proposal.state}`, { defaultValue: review.proposal.state })})
        </Text>
      )}
    </Stack>
  );
}

interface ActionRow {
  key: number;
  title: string;
  ownerOrganisationId: string | null;
  dueOn: string;
}

function WriteReview({ incident }: { incident: Incident }) {
  const { t } = useTranslation();
  const me = useMe();
  const queryClient = useQueryClient();
  const [wentWell, setWentWell] = useState("");
  const [toImprove, setToImprove] = useState("");
  const [actions, setActions] = useState<ActionRow[]>([]);
  const [propose, setPropose] = useState(true);
  const [omitOrganisationNames, setOmitOrganisationNames] = useState(true);
  const [omitAssetNames, setOmitAssetNames] = useState(true);
  const [omitDates, setOmitDates] = useState(false);
  const [marking, setMarking] = useState<(typeof CASE_MARKINGS)[number]>("amber");
  // Owners: one's own organisation and those the incident involves.
  const owners = [
    { value: me.organisation.id, label: me.organisation.name },
    { value: incident.organisation.id, label: incident.organisation.name },
    ...incident.audience.members
      .filter((m) => m.kind === "organisation")
      .map((m) => ({ value: m.id, label: m.name })),
  ].filter((option, index, all) => all.findIndex((o) => o.value === option.value) === index);
  const write = useMutation({
    mutationFn: () =>
      client.call("createIncidentReview", {
        params: { id: incident.id },
        body: {
          wentWell,
          toImprove,
          actions: actions.flatMap((row) =>
            row.title.trim() && row.ownerOrganisationId && row.dueOn
              ? [{ title: row.title, ownerOrganisationId: row.ownerOrganisationId, dueOn: row.dueOn }]
              : [],
          ),
          caseStudy: { propose, omitOrganisationNames, omitAssetNames, omitDates, marking },
        },
      }),
    onSuccess: (next) => queryClient.setQueryData(reviewKey(incident.id), next),
  });
  const setRow = (key: number, change: Partial<ActionRow>) =>
    setActions((current) => current.map((row) => (row.key === key ? { ...row, ...change } : row)));
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        if (wentWell.trim() && toImprove.trim()) write.mutate();
      }}
    >
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {t("boardReports.review.hint")}
        </Text>
        <Textarea
          label={t("boardReports.review.wentWell")}
          value={wentWell}
          onChange={(e) => setWentWell(e.currentTarget.value)}
          autosize
          minRows={3}
          required
        />
        <Textarea
          label={t("boardReports.review.toImprove")}
          value={toImprove}
          onChange={(e) => setToImprove(e.currentTarget.value)}
          autosize
          minRows={3}
          required
        />
        <Title order={4} size="h5">
          {t("boardReports.review.actions")}
        </Title>
        {actions.map((row, index) => (
          <Group key={row.key} align="flex-end" wrap="wrap">
            <TextInput
              label={t("boardReports.review.actionNumber", { number: index + 1 })}
              value={row.title}
              onChange={(e) => setRow(row.key, { title: e.currentTarget.value })}
              w={320}
            />
            <Select
              label={t("boardReports.review.owner")}
              data={owners}
              value={row.ownerOrganisationId}
              onChange={(value) => setRow(row.key, { ownerOrganisationId: value })}
              w={280}
            />
            <TextInput
              type="date"
              label={t("boardReports.review.dueOn")}
              value={row.dueOn}
              onChange={(e) => setRow(row.key, { dueOn: e.currentTarget.value })}
              w={180}
            />
            <Button
              variant="subtle"
              color="red"
              aria-label={t("boardReports.review.removeAction", { number: index + 1 })}
              onClick={() => setActions((current) => current.filter((r) => r.key !== row.key))}
            >
              <IconTrash size={16} aria-hidden="true" />
            </Button>
          </Group>
        ))}
        <Group>
          <Button
            variant="default"
            leftSection={<IconPlus size={16} aria-hidden="true" />}
            onClick={() =>
              setActions((current) => [
                ...current,
                {
                  key: Math.max(0, ...current.map((r) => r.key)) + 1,
                  title: "",
                  ownerOrganisationId: me.organisation.id,
                  dueOn: "",
                },
              ])
            }
          >
            {t("boardReports.review.addAction")}
          </Button>
        </Group>
        <Title order={4} size="h5">
          {t("boardReports.review.caseStudy")}
        </Title>
        <Checkbox
          label={t("boardReports.review.propose")}
          checked={propose}
          onChange={(e) => setPropose(e.currentTarget.checked)}
        />
        {propose && (
          <Stack gap={6} ps="md">
            <Checkbox
              label={t("boardReports.review.omitOrganisations")}
              checked={omitOrganisationNames}
              onChange={(e) => setOmitOrganisationNames(e.currentTarget.checked)}
            />
            <Checkbox
              label={t("boardReports.review.omitAssets")}
              checked={omitAssetNames}
              onChange={(e) => setOmitAssetNames(e.currentTarget.checked)}
            />
            <Checkbox
              label={t("boardReports.review.omitDates")}
              checked={omitDates}
              onChange={(e) => setOmitDates(e.currentTarget.checked)}
            />
            <Select
              label={t("boardReports.review.marking")}
              data={CASE_MARKINGS.map((value) => ({ value, label: t(`markings.${value}`) }))}
              value={marking}
              onChange={(value) => isOneOf(CASE_MARKINGS, value) && setMarking(value)}
              allowDeselect={false}
              w={200}
            />
          </Stack>
        )}
        <ProblemAlert error={write.error} />
        <Group>
          <Button type="submit" loading={write.isPending} disabled={!wentWell.trim() || !toImprove.trim()}>
            {t("boardReports.review.submit")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
