// The national side of the federation: the consent in force (which hub, who recorded it, when),
// recording or withdrawing it, sending now, and the last sendings with what came of each (the hub
// kept and dropped cells, or why it refused or could not be reached).
import type { FederationSendings } from "@bulwark/contracts";
import {
  Alert,
  Badge,
  Button,
  Group,
  Paper,
  PasswordInput,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { IconSend } from "@tabler/icons-react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { client, fieldErrorsOf } from "../app/api.ts";
import { ConfirmDialog } from "../app/confirm-dialog.tsx";
import { useFormat } from "../app/format.ts";
import { EmptyState } from "../app/page-parts.tsx";
import { ProblemAlert } from "../app/problem-alert.tsx";

const consentKey = ["federation", "consent"] as const;
const sendingsKey = ["federation", "sendings"] as const;

type Sending = FederationSendings["items"][number];
const RESULT_COLOURS: Record<Sending["result"], string> = {
  sent: "teal",
  refused: "red",
  unreachable: "orange",
};

function ConsentForm() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [hubUrl, setHubUrl] = useState("");
  const [hubToken, setHubToken] = useState("");
  const record = useMutation({
    mutationFn: () => client.call("recordFederationConsent", { body: { hubUrl, hubToken } }),
    onSuccess: (answer) => {
      queryClient.setQueryData(consentKey, answer);
      void queryClient.invalidateQueries({ queryKey: sendingsKey });
      setHubToken("");
    },
  });
  const errors = fieldErrorsOf(record.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    record.mutate();
  };
  return (
    <Stack gap="sm" component="form" onSubmit={submit}>
      <Text size="sm">{t("federation.consent.none")}</Text>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput
          label={t("federation.consent.hubUrl")}
          description={t("federation.consent.hubUrlHelp")}
          placeholder="https://hub.example"
          value={hubUrl}
          onChange={(event) => setHubUrl(event.currentTarget.value)}
          error={errors.hubUrl}
          required
        />
        <PasswordInput
          label={t("federation.consent.hubToken")}
          description={t("federation.consent.hubTokenHelp")}
          value={hubToken}
          onChange={(event) => setHubToken(event.currentTarget.value)}
          error={errors.hubToken}
          required
          autoComplete="off"
        />
      </SimpleGrid>
      <Group>
        <Button type="submit" loading={record.isPending}>
          {t("federation.consent.record")}
        </Button>
      </Group>
      <ProblemAlert error={record.error} fields={["body.hubUrl", "body.hubToken"]} />
    </Stack>
  );
}

function SendingsTable({ sendings }: { sendings: FederationSendings }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (sendings.items.length === 0) return <EmptyState>{t("federation.sendings.none")}</EmptyState>;
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table striped verticalSpacing="xs" aria-labelledby="federation-sendings">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("federation.sendings.when")}</Table.Th>
            <Table.Th>{t("federation.sendings.by")}</Table.Th>
            <Table.Th>{t("federation.sendings.result")}</Table.Th>
            <Table.Th>{t("federation.sendings.cells")}</Table.Th>
            <Table.Th>{t("federation.sendings.hubKept")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {sendings.items.map((sending) => (
            <Table.Tr key={sending.id} data-sending={sending.result}>
              <Table.Td>{format.dateTime(sending.sentAt)}</Table.Td>
              <Table.Td>
                {sending.trigger === "schedule"
                  ? t("federation.sendings.schedule")
                  : (sending.sentBy?.name ?? t("federation.sendings.someone"))}
              </Table.Td>
              <Table.Td>
                <Stack gap={2}>
                  <Badge color={RESULT_COLOURS[sending.result]} variant="light" tt="none" w="fit-content">
                    {t(`federation.results.${sending.result}`)}
                    {sending.status !== null && sending.result !== "sent" ? ` · HTTP ${sending.status}` : ""}
                  </Badge>
                  {sending.detail && (
                    <Text size="xs" c="dimmed">
                      {sending.detail}
                    </Text>
                  )}
                </Stack>
              </Table.Td>
              <Table.Td>
                {t("federation.sendings.cellCounts", {
                  needs: format.number(sending.cells.needs),
                  sections: format.number(sending.cells.selfAssessment),
                  engagements: format.number(sending.cells.engagements),
                })}
              </Table.Td>
              <Table.Td>
                {sending.received
                  ? t("federation.sendings.kept", {
                      kept: format.number(
                        sending.received.needs +
                          sending.received.selfAssessment +
                          sending.received.engagements,
                      ),
                      dropped: format.number(sending.received.dropped),
                      k: sending.received.k,
                    })
                  : "—"}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

export function NationalSending() {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const [withdrawing, setWithdrawing] = useState(false);
  const consent = useQuery({ queryKey: consentKey, queryFn: () => client.call("getFederationConsent", {}) });
  const sendings = useQuery({
    queryKey: sendingsKey,
    queryFn: () => client.call("listFederationSendings", {}),
  });
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: consentKey });
    void queryClient.invalidateQueries({ queryKey: sendingsKey });
  };
  const send = useMutation({
    mutationFn: () => client.call("sendFederationAggregates", {}),
    onSettled: refresh,
  });
  const withdraw = useMutation({
    mutationFn: () => client.call("withdrawFederationConsent", {}),
    onSuccess: () => {
      setWithdrawing(false);
      refresh();
    },
  });
  const current = consent.data?.consent ?? null;
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="federation-consent">
      <Stack gap="md">
        <Title order={3} id="federation-consent">
          {t("federation.consent.title")}
        </Title>
        <Text size="sm" c="dimmed">
          {t("federation.consent.help")}
        </Text>
        <ProblemAlert error={consent.error} />
        {consent.isSuccess && !current && <ConsentForm />}
        {current && (
          <Stack gap="sm">
            <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }}>
              <Stack gap={0}>
                <Text size="xs" c="dimmed">
                  {t("federation.consent.hub")}
                </Text>
                <Text size="sm" fw={500} style={{ wordBreak: "break-all" }} data-testid="consent-hub">
                  {current.hubUrl}
                </Text>
              </Stack>
              <Stack gap={0}>
                <Text size="xs" c="dimmed">
                  {t("federation.consent.recordedBy")}
                </Text>
                <Text size="sm">
                  {current.recordedBy.name} · {current.organisation.name}
                </Text>
                <Text size="xs" c="dimmed">
                  {format.dateTime(current.recordedAt)}
                </Text>
              </Stack>
              <Stack gap={0}>
                <Text size="xs" c="dimmed">
                  {t("federation.consent.lastSent")}
                </Text>
                <Text size="sm">
                  {current.lastSentAt ? format.dateTime(current.lastSentAt) : t("federation.consent.never")}
                </Text>
              </Stack>
              <Stack gap={0}>
                <Text size="xs" c="dimmed">
                  {t("federation.consent.nextScheduled")}
                </Text>
                <Text size="sm">
                  {sendings.data?.schedule.nextAt ? format.dateTime(sendings.data.schedule.nextAt) : "—"}
                </Text>
              </Stack>
            </SimpleGrid>
            <Alert variant="light" color="blue">
              {t("federation.consent.rule", {
                k: current.k,
                hours: sendings.data?.schedule.everyHours ?? 24,
              })}
            </Alert>
            <Group>
              <Button
                leftSection={<IconSend size={16} />}
                loading={send.isPending}
                onClick={() => send.mutate()}
              >
                {t("federation.consent.sendNow")}
              </Button>
              <Button variant="default" color="red" onClick={() => setWithdrawing(true)}>
                {t("federation.consent.withdraw")}
              </Button>
            </Group>
            {send.isSuccess && (
              <Alert color="teal" variant="light" role="status">
                {t("federation.consent.sent", {
                  kept: format.number(
                    send.data.received.needs +
                      send.data.received.selfAssessment +
                      send.data.received.engagements,
                  ),
                  dropped: format.number(send.data.received.dropped),
                })}
              </Alert>
            )}
            <ProblemAlert error={send.error} />
          </Stack>
        )}
        <Title order={4} id="federation-sendings">
          {t("federation.sendings.title")}
        </Title>
        {sendings.data && <SendingsTable sendings={sendings.data} />}
        <ProblemAlert error={sendings.error} />
      </Stack>
      <ConfirmDialog
        opened={withdrawing}
        title={t("federation.consent.withdrawTitle")}
        message={t("federation.consent.withdrawMessage")}
        confirmLabel={t("federation.consent.withdraw")}
        loading={withdraw.isPending}
        error={withdraw.error}
        onConfirm={() => withdraw.mutate()}
        onClose={() => setWithdrawing(false)}
      />
    </Paper>
  );
}
