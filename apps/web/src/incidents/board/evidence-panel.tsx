// The investigation log of an incident, for law enforcement and the organisations it shares the log
// with: the evidence items, registering one (the browser computes the SHA-256 of the chosen file
// with crypto.subtle and sends only the hash and metadata: the file never leaves the computer),
// custody hand-overs, verifying every chain, the custody report PDF, and whom the log is shared
// with. To anyone else the server answers 404 and the panel is not there at all.
import { ApiError, type EvidenceItem, type Incident } from "@bulwark/contracts";
import {
  Alert,
  Button,
  Code,
  FileInput,
  Group,
  MultiSelect,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { client } from "../../app/api.ts";
import { DownloadButton } from "../../app/download-button.tsx";
import { useFormat } from "../../app/format.ts";
import { ListTable } from "../../app/page-parts.tsx";
import { ProblemAlert } from "../../app/problem-alert.tsx";
import { Section } from "../incident-panels.tsx";
import { fromLocalInput, localInput } from "../incident-parts.tsx";
import { sha256Of } from "./sha256.ts";

// Not under the incident's key: evidence changes do not announce the incident, and every reading of
// the log is audited, so it is not read again on each live change of the incident.
const evidenceKey = (id: string) => ["incidents", "evidence", id] as const;

export function EvidencePanel({ incident }: { incident: Incident }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [open, setOpen] = useState<string | null>(null);
  const log = useQuery({
    queryKey: evidenceKey(incident.id),
    queryFn: () => client.call("listIncidentEvidence", { params: { id: incident.id }, query: {} }),
  });
  // Not law enforcement, nor an organisation it shared the log with: nothing to show.
  if (log.error instanceof ApiError && log.error.status === 404) return null;
  if (log.isPending) return null;
  const data = log.data;
  const items = data?.items ?? [];
  return (
    <Section title={t("boardReports.evidence.title")} testId="incident-evidence">
      <Text size="sm" c="dimmed">
        {t("boardReports.evidence.hint")}
      </Text>
      <ProblemAlert error={log.error} />
      {data && (
        <Text size="sm" data-testid="evidence-shared-with">
          {data.sharedWith.length === 0
            ? t("boardReports.evidence.notShared")
            : t("boardReports.evidence.sharedWith", { list: data.sharedWith.map((o) => o.name).join(", ") })}
        </Text>
      )}
      <ListTable
        loading={false}
        failed={log.isError}
        isEmpty={items.length === 0}
        empty={t("boardReports.evidence.empty")}
        skeletonColumns={5}
        minWidth={820}
        headers={
          <>
            <Table.Th>{t("boardReports.evidence.columnNumber")}</Table.Th>
            <Table.Th>{t("boardReports.evidence.columnItem")}</Table.Th>
            <Table.Th>{t("boardReports.evidence.columnHash")}</Table.Th>
            <Table.Th>{t("boardReports.evidence.columnHolder")}</Table.Th>
            <Table.Th>{t("boardReports.evidence.columnCustody")}</Table.Th>
          </>
        }
      >
        {items.map((item) => (
          <Table.Tr key={item.id} data-testid="evidence-item">
            <Table.Td>{format.number(item.number)}</Table.Td>
            <Table.Td>
              <Text size="sm">{item.description}</Text>
              {item.fileName && (
                <Text size="xs" c="dimmed">
                  {item.fileName}
                  {item.fileSize !== null
                    ? ` · ${t("boardReports.evidence.bytes", { size: format.number(item.fileSize) })}`
                    : ""}
                </Text>
              )}
            </Table.Td>
            <Table.Td>
              <Code style={{ wordBreak: "break-all" }} data-testid="evidence-sha256">
                {item.sha256}
              </Code>
            </Table.Td>
            <Table.Td>{item.holder}</Table.Td>
            <Table.Td>
              <Button
                size="xs"
                variant={open === item.id ? "filled" : "default"}
                onClick={() => setOpen(open === item.id ? null : item.id)}
                aria-label={t("boardReports.evidence.custodyOf", { number: item.number })}
              >
                {t("boardReports.evidence.records", { count: item.custodyRecords })}
              </Button>
            </Table.Td>
          </Table.Tr>
        ))}
      </ListTable>
      {open && (
        <Custody incidentId={incident.id} evidenceId={open} mayRecord={data?.abilities.record ?? false} />
      )}
      <Verify incidentId={incident.id} />
      {data?.abilities.record && <RegisterEvidence incidentId={incident.id} />}
      {data?.abilities.share && (
        <ShareLog incident={incident} sharedWith={data.sharedWith.map((o) => o.id)} />
      )}
    </Section>
  );
}

function Custody({
  incidentId,
  evidenceId,
  mayRecord,
}: {
  incidentId: string;
  evidenceId: string;
  mayRecord: boolean;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const key = [...evidenceKey(incidentId), evidenceId] as const;
  const item = useQuery({
    queryKey: key,
    queryFn: () => client.call("getIncidentEvidence", { params: { id: incidentId, evidenceId } }),
  });
  const [to, setTo] = useState("");
  const [at, setAt] = useState(() => localInput(new Date()));
  const [reason, setReason] = useState("");
  const transfer = useMutation({
    mutationFn: (body: { to: string; at: string; reason: string }) =>
      client.call("transferIncidentEvidence", { params: { id: incidentId, evidenceId }, body }),
    onSuccess: (next: EvidenceItem) => {
      setTo("");
      setReason("");
      queryClient.setQueryData(key, next);
      void queryClient.invalidateQueries({ queryKey: evidenceKey(incidentId) });
    },
  });
  const data = item.data;
  if (!data) return <ProblemAlert error={item.error} />;
  const time = fromLocalInput(at);
  return (
    <Stack gap="xs" data-testid="evidence-custody">
      <Group justify="space-between" wrap="wrap">
        <Title order={4} size="h5">
          {t("boardReports.evidence.chain", { number: data.number })}
        </Title>
        <DownloadButton
          href={client.url(`/api/incidents/${incidentId}/evidence/${evidenceId}/custody.pdf`)}
          testId="evidence-custody-pdf"
        >
          {t("boardReports.evidence.pdf")}
        </DownloadButton>
      </Group>
      <ListTable
        loading={false}
        failed={false}
        isEmpty={data.custody.length === 0}
        empty="—"
        skeletonColumns={4}
        minWidth={720}
        headers={
          <>
            <Table.Th>{t("boardReports.evidence.columnWhen")}</Table.Th>
            <Table.Th>{t("boardReports.evidence.columnFromTo")}</Table.Th>
            <Table.Th>{t("boardReports.evidence.columnWhy")}</Table.Th>
            <Table.Th>{t("boardReports.evidence.columnRecordedBy")}</Table.Th>
          </>
        }
      >
        {data.custody.map((entry) => (
          <Table.Tr key={entry.seq}>
            <Table.Td>{format.dateTime(entry.at)}</Table.Td>
            <Table.Td>
              {entry.kind === "collected"
                ? t("boardReports.evidence.collected", { from: entry.from, to: entry.to })
                : t("boardReports.evidence.handedOver", { from: entry.from, to: entry.to })}
            </Table.Td>
            <Table.Td>{entry.reason || "—"}</Table.Td>
            <Table.Td>{entry.recordedBy.name}</Table.Td>
          </Table.Tr>
        ))}
      </ListTable>
      {mayRecord && (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            if (time && to.trim() && reason.trim()) transfer.mutate({ to, at: time, reason });
          }}
        >
          <Group align="flex-end" wrap="wrap">
            <TextInput
              label={t("boardReports.evidence.transferTo")}
              value={to}
              onChange={(e) => setTo(e.currentTarget.value)}
              required
              w={240}
            />
            <TextInput
              type="datetime-local"
              label={t("boardReports.evidence.transferAt")}
              value={at}
              onChange={(e) => setAt(e.currentTarget.value)}
              required
              w={220}
            />
            <TextInput
              label={t("boardReports.evidence.transferWhy")}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              required
              w={280}
            />
            <Button
              type="submit"
              loading={transfer.isPending}
              disabled={!time || !to.trim() || !reason.trim()}
            >
              {t("boardReports.evidence.transfer")}
            </Button>
          </Group>
          <ProblemAlert error={transfer.error} />
        </form>
      )}
    </Stack>
  );
}

function Verify({ incidentId }: { incidentId: string }) {
  const { t } = useTranslation();
  const verify = useMutation({
    mutationFn: () => client.call("verifyIncidentEvidence", { params: { id: incidentId } }),
  });
  const result = verify.data;
  return (
    <Stack gap="xs">
      <Group>
        <Button variant="default" onClick={() => verify.mutate()} loading={verify.isPending}>
          {t("boardReports.evidence.verify")}
        </Button>
      </Group>
      <ProblemAlert error={verify.error} />
      {result && (
        <Alert color={result.ok ? "teal" : "red"} data-testid="evidence-verification">
          <Text size="sm" fw={700}>
            {result.ok ? t("boardReports.evidence.whole") : t("boardReports.evidence.broken")}
          </Text>
          {result.items
            .filter((item) => !item.ok)
            .map((item) => (
              <Text key={item.id} size="sm">
                {t("boardReports.evidence.brokenItem", {
                  number: item.number ?? "—",
                  seq: item.firstBroken?.seq ?? "—",
                  reason: item.firstBroken?.reason ?? "",
                })}
              </Text>
            ))}
        </Alert>
      )}
    </Stack>
  );
}

function RegisterEvidence({ incidentId }: { incidentId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [hash, setHash] = useState<string | null>(null);
  const [hashing, setHashing] = useState(false);
  const [description, setDescription] = useState("");
  const [collectedAt, setCollectedAt] = useState(() => localInput(new Date()));
  const [collectedFrom, setCollectedFrom] = useState("");
  const [reason, setReason] = useState("");
  const choose = (chosen: File | null) => {
    setFile(chosen);
    setHash(null);
    if (!chosen) return;
    setHashing(true);
    void sha256Of(chosen)
      .then(setHash)
      .finally(() => setHashing(false));
  };
  const add = useMutation({
    mutationFn: (body: {
      description: string;
      sha256: string;
      fileName: string;
      fileSize: number;
      collectedAt: string;
      collectedFrom: string;
      reason: string;
    }) => client.call("addIncidentEvidence", { params: { id: incidentId }, body }),
    onSuccess: () => {
      setFile(null);
      setHash(null);
      setDescription("");
      setCollectedFrom("");
      setReason("");
      void queryClient.invalidateQueries({ queryKey: evidenceKey(incidentId) });
    },
  });
  const at = fromLocalInput(collectedAt);
  const ready = file && hash && at && description.trim() && collectedFrom.trim();
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        if (ready)
          add.mutate({
            description,
            sha256: hash,
            fileName: file.name,
            fileSize: file.size,
            collectedAt: at,
            collectedFrom,
            reason,
          });
      }}
    >
      <Stack gap="xs">
        <Title order={4} size="h5">
          {t("boardReports.evidence.registerTitle")}
        </Title>
        <Text size="sm" c="dimmed">
          {t("boardReports.evidence.registerHint")}
        </Text>
        <FileInput
          label={t("boardReports.evidence.file")}
          value={file}
          onChange={choose}
          clearable
          maw={520}
        />
        {hashing && <Text size="sm">{t("boardReports.evidence.hashing")}</Text>}
        {hash && (
          <Text size="sm" data-testid="evidence-computed-hash">
            {t("boardReports.evidence.computed")} <Code style={{ wordBreak: "break-all" }}>{hash}</Code>
          </Text>
        )}
        <Textarea
          label={t("boardReports.evidence.description")}
          value={description}
          onChange={(e) => setDescription(e.currentTarget.value)}
          autosize
          minRows={2}
          required
        />
        <Group align="flex-end" wrap="wrap">
          <TextInput
            type="datetime-local"
            label={t("boardReports.evidence.collectedAt")}
            value={collectedAt}
            onChange={(e) => setCollectedAt(e.currentTarget.value)}
            required
            w={220}
          />
          <TextInput
            label={t("boardReports.evidence.collectedFrom")}
            value={collectedFrom}
            onChange={(e) => setCollectedFrom(e.currentTarget.value)}
            required
            w={300}
          />
        </Group>
        <TextInput
          label={t("boardReports.evidence.reason")}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
        />
        <ProblemAlert error={add.error} />
        <Group>
          <Button type="submit" loading={add.isPending} disabled={!ready}>
            {t("boardReports.evidence.register")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function ShareLog({ incident, sharedWith }: { incident: Incident; sharedWith: string[] }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [chosen, setChosen] = useState<string[]>(sharedWith);
  // The log can go only to organisations that see the incident: its filer and its audience.
  const options = [
    { value: incident.organisation.id, label: incident.organisation.name },
    ...incident.audience.members
      .filter((m) => m.kind === "organisation")
      .map((m) => ({ value: m.id, label: m.name })),
  ].filter((option, index, all) => all.findIndex((o) => o.value === option.value) === index);
  const share = useMutation({
    mutationFn: (organisationIds: string[]) =>
      client.call("shareIncidentEvidence", { params: { id: incident.id }, body: { organisationIds } }),
    onSuccess: (next) => queryClient.setQueryData(evidenceKey(incident.id), next),
  });
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        share.mutate(chosen);
      }}
    >
      <Stack gap="xs">
        <Title order={4} size="h5">
          {t("boardReports.evidence.shareTitle")}
        </Title>
        <MultiSelect
          label={t("boardReports.evidence.shareWith")}
          description={t("boardReports.evidence.shareHint")}
          data={options}
          value={chosen}
          onChange={setChosen}
          searchable
          maw={620}
        />
        <ProblemAlert error={share.error} />
        <Group>
          <Button type="submit" variant="default" loading={share.isPending}>
            {t("boardReports.evidence.share")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
