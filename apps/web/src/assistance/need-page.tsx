// One need: what the state needs (with its TLP banner), the open offers ranked for it with their
// reasons, the providers' offers of help (the state accepts or declines each), and, for a provider
// that may, "Express interest", which begins an engagement the state then accepts.
import type { Need } from "@bulwark/contracts";
import {
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Modal,
  Paper,
  Select,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  Textarea,
  Title,
} from "@mantine/core";
import { IconArrowLeft, IconHeartHandshake } from "@tabler/icons-react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";
import { client } from "../app/api.ts";
import { useMe } from "../app/auth.tsx";
import { useFormat } from "../app/format.ts";
import { EmptyState } from "../app/page-parts.tsx";
import { ProblemAlert } from "../app/problem-alert.tsx";
import { TlpBadge } from "../assets/tlp-badge.tsx";
import { TlpBanner } from "../sharing/tlp-banner.tsx";
import {
  AssistanceMatchList,
  assistanceKey,
  EngagementStatusBadge,
  Fact,
  NeedStatusBadge,
  needKey,
  UrgencyBadge,
  useAssistanceLabels,
  useResolutionSections,
} from "./assistance-parts.tsx";
import { EngagementMoves } from "./engagement-moves.tsx";

export function BackToAssistance() {
  const { t } = useTranslation();
  return (
    <Anchor component={Link} to="/assistance" size="sm">
      <Group gap={4}>
        <IconArrowLeft size={14} />
        {t("assistance.back")}
      </Group>
    </Anchor>
  );
}

export function NeedPage() {
  const { id = "" } = useParams();
  const need = useQuery({
    queryKey: needKey(id),
    queryFn: () => client.call("getAssistanceNeed", { params: { id } }),
    retry: false,
  });
  return (
    <Stack gap="md">
      <BackToAssistance />
      {need.isPending ? (
        <Skeleton height={300} />
      ) : need.isError ? (
        <ProblemAlert error={need.error} />
      ) : (
        <NeedView need={need.data} />
      )}
    </Stack>
  );
}

function NeedView({ need }: { need: Need }) {
  const { t } = useTranslation();
  const labels = useAssistanceLabels();
  const sections = useResolutionSections();
  const format = useFormat();
  const me = useMe();
  const own = need.organisation.id === me.organisation.id;
  const day = (date: string) => format.date(`${date}T12:00:00Z`);
  return (
    <Stack gap="md">
      <Stack gap={6}>
        <Group gap="xs">
          <TlpBadge marking={need.tlp} />
          <NeedStatusBadge status={need.status} />
          <UrgencyBadge urgency={need.urgency} />
        </Group>
        <Title order={2}>{need.title}</Title>
        <Group gap="sm" justify="space-between" wrap="wrap">
          <Text c="dimmed" size="sm">
            {t("assistance.needOf", { organisation: need.organisation.name })} ·{" "}
            {format.country(need.organisation.country)}
          </Text>
          {need.abilities.edit && <CloseNeed need={need} />}
        </Group>
      </Stack>
      <TlpBanner tlp={need.tlp} label={need.banner.label} text={need.banner.text} />
      <Paper withBorder radius="md" p="md">
        <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }}>
          <Fact label={t("assistance.fields.theme")}>{labels.theme(need.theme)}</Fact>
          <Fact label={t("assistance.fields.modality")}>{t(`assistance.modalities.${need.modality}`)}</Fact>
          <Fact label={t("assistance.fields.section")}>
            {need.section ? (sections.get(need.section) ?? need.section) : "—"}
          </Fact>
          <Fact label={t("assistance.fields.neededBy")}>{need.neededBy ? day(need.neededBy) : "—"}</Fact>
          <Fact label={t("assistance.fields.languages")}>
            {need.languages.length === 0
              ? t("assistance.fields.anyLanguage")
              : need.languages.map((code) => labels.language(code)).join(", ")}
          </Fact>
          <Fact label={t("assistance.fields.sectors")}>
            {need.sectors.map((sector) => labels.sector(sector)).join(", ") || "—"}
          </Fact>
        </SimpleGrid>
      </Paper>
      {need.description && (
        <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
          {need.description}
        </Text>
      )}
      {(need.source.runId || need.source.actionId) && (
        <Text size="xs" c="dimmed">
          {need.source.runId ? t("assistance.need.source") : t("assistance.need.sourceAction")}
        </Text>
      )}
      {need.abilities.expressInterest && <ExpressInterest need={need} />}
      {own && <Proposals need={need} />}
      <Matches need={need} />
    </Stack>
  );
}

/** The state closes its need (met or dropped), or reopens it. */
function CloseNeed({ need }: { need: Need }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const closed = need.status === "closed";
  const change = useMutation({
    mutationFn: () =>
      client.call("updateAssistanceNeed", {
        params: { id: need.id },
        body: { status: closed ? "open" : "closed" },
      }),
    onSuccess: (updated) => {
      queryClient.setQueryData(needKey(need.id), updated);
      void queryClient.invalidateQueries({ queryKey: assistanceKey });
    },
  });
  return (
    <Group gap="xs">
      <Button size="xs" variant="default" loading={change.isPending} onClick={() => change.mutate()}>
        {closed ? t("assistance.need.reopen") : t("assistance.need.close")}
      </Button>
      <ProblemAlert error={change.error} />
    </Group>
  );
}

function ExpressInterest({ need }: { need: Need }) {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [offerId, setOfferId] = useState<string | null>(null);
  const [message, setMessage] = useState("");
  const offers = useQuery({
    queryKey: [...assistanceKey, "offers", "mine"],
    queryFn: () =>
      client.call("listAssistanceOffers", { query: { organisationId: me.organisation.id, status: "open" } }),
    enabled: open,
  });
  const send = useMutation({
    mutationFn: () =>
      client.call("createAssistanceEngagement", { body: { needId: need.id, offerId, message } }),
    onSuccess: (engagement) => {
      void queryClient.invalidateQueries({ queryKey: assistanceKey });
      navigate(`/assistance/engagements/${engagement.id}`);
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    send.mutate();
  };
  return (
    <>
      <Group>
        <Button leftSection={<IconHeartHandshake size={16} />} onClick={() => setOpen(true)}>
          {t("assistance.need.expressInterest")}
        </Button>
      </Group>
      <Modal opened={open} onClose={() => setOpen(false)} title={t("assistance.need.interestTitle")}>
        <Stack gap="sm" component="form" onSubmit={submit}>
          <Select
            label={t("assistance.need.interestOffer")}
            placeholder={t("assistance.need.interestNoOffer")}
            data={(offers.data?.items ?? []).map((offer) => ({ value: offer.id, label: offer.title }))}
            value={offerId}
            onChange={setOfferId}
            clearable
          />
          <Textarea
            label={t("assistance.need.message")}
            value={message}
            onChange={(event) => setMessage(event.currentTarget.value)}
            autosize
            minRows={3}
          />
          <ProblemAlert error={send.error} />
          <Group>
            <Button type="submit" loading={send.isPending}>
              {t("assistance.need.send")}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

/** The providers' offers of help on the state's own need, each with what the state may do. */
function Proposals({ need }: { need: Need }) {
  const { t } = useTranslation();
  const engagements = useQuery({
    queryKey: [...assistanceKey, "engagements", { needId: need.id }],
    queryFn: () => client.call("listAssistanceEngagements", { query: { needId: need.id } }),
  });
  const items = engagements.data?.items ?? [];
  return (
    <Stack gap="xs" component="section" aria-labelledby="need-proposals">
      <Title order={3} id="need-proposals">
        {t("assistance.need.proposals")}
      </Title>
      <ProblemAlert error={engagements.error} />
      {!engagements.isPending && items.length === 0 && (
        <Text size="sm" c="dimmed">
          {t("assistance.need.noProposals")}
        </Text>
      )}
      {items.map((engagement) => (
        <Card
          key={engagement.id}
          component="article"
          withBorder
          radius="md"
          padding="sm"
          aria-label={engagement.provider.name}
        >
          <Group justify="space-between" align="flex-start" wrap="wrap">
            <Stack gap={2}>
              <Anchor component={Link} to={`/assistance/engagements/${engagement.id}`} fw={600} size="sm">
                {engagement.provider.name}
              </Anchor>
              {engagement.offer && (
                <Text size="xs" c="dimmed">
                  {engagement.offer.title}
                </Text>
              )}
              {engagement.message && <Text size="sm">{engagement.message}</Text>}
            </Stack>
            <Group gap="xs">
              <EngagementStatusBadge status={engagement.status} />
              <EngagementMoves engagement={engagement} />
            </Group>
          </Group>
        </Card>
      ))}
    </Stack>
  );
}

function Matches({ need }: { need: Need }) {
  const matches = useQuery({
    queryKey: [...assistanceKey, "matches", need.id],
    queryFn: () => client.call("listAssistanceMatches", { query: { need: need.id } }),
  });
  return <AssistanceMatchList of="need" matches={matches} />;
}
