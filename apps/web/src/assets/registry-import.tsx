// Import the registry from files read as text in the browser: assets as CSV or GeoJSON, and
// dependencies as CSV. The server runs the import as a job (POST answers at once) and this page
// polls it, showing the phase and counts, then the report or every problem: the path of each,
// "assets.csv:12:sector" or "assets.geojson:features[11] (SUB-1):properties.sector", becomes a row
// of one table (file, line or feature, column or property, message). All or nothing.

import { ApiError, type ImportJob } from "@bulwark/contracts";
import {
  Alert,
  Button,
  FileInput,
  Group,
  Modal,
  Progress,
  ScrollArea,
  Stack,
  Table,
  Text,
} from "@mantine/core";
import { IconFileTypeCsv, IconMap } from "@tabler/icons-react";
import { useMutation, useQuery } from "@tanstack/react-query";
import { type FormEvent, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { client, queryClient } from "../app/api.ts";
import { useFormat } from "../app/format.ts";
import { ProblemAlert } from "../app/problem-alert.tsx";

interface FileProblem {
  file: string;
  where: string;
  field: string;
  message: string;
}

const isGeoJson = (file: File) => /\.(geo)?json$/i.test(file.name);
const running = (job: ImportJob | undefined) => job?.state === "validating" || job?.state === "writing";
const POLL_MS = 500;

/** "assets.csv:12:sector", "assets.geojson:features[11] (SUB-1):properties.sector", "assets". */
function fileProblemOf(item: { path: string; message: string }): FileProblem {
  const [file = "", ...rest] = item.path.split(":");
  const tail = rest.join(":");
  // A feature's id may itself hold a colon: the feature part ends at its closing parenthesis.
  const feature = /^(features\[\d+\](?: \(.*?\))?|document)(?::(.*))?$/.exec(tail);
  if (feature) return { file, where: feature[1] ?? "", field: feature[2] ?? "", message: item.message };
  const [where = "", ...field] = rest;
  return { file, where, field: field.join(":"), message: item.message };
}

export function RegistryImport({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t("assets.importTitle")} size="xl" centered>
      {opened && <ImportBody onClose={onClose} />}
    </Modal>
  );
}

function ImportBody({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [assetsFile, setAssetsFile] = useState<File | null>(null);
  const [dependenciesFile, setDependenciesFile] = useState<File | null>(null);
  const [missing, setMissing] = useState(false);
  const [jobId, setJobId] = useState<string | null>(null);

  const start = useMutation({
    mutationFn: async (files: { assets: File; dependencies: File | null }) => {
      const assets = await files.assets.text();
      const dependencies = files.dependencies ? await files.dependencies.text() : undefined;
      const body = isGeoJson(files.assets)
        ? { assetsGeoJson: assets, dependencies }
        : { assets, dependencies };
      return client.call("startImportJob", { body });
    },
    onSuccess: (job) => setJobId(job.id),
  });
  const followed = useQuery({
    queryKey: ["registry-import", jobId],
    queryFn: () => client.call("getImportJob", { params: { id: jobId ?? "" } }),
    enabled: jobId !== null,
    staleTime: 0,
    refetchInterval: (query) => (running(query.state.data) ? POLL_MS : false),
  });
  const job = jobId === null ? undefined : (followed.data ?? start.data);
  const state = job?.state;
  useEffect(() => {
    if (state !== "done") return;
    void queryClient.invalidateQueries({ queryKey: ["assets"] });
    void queryClient.invalidateQueries({ queryKey: ["analysis"] });
  }, [state]);

  const failure = job?.problem ? new ApiError(job.problem) : (start.error ?? followed.error);
  const problems = (job?.problem?.errors ?? []).map(fileProblemOf);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setMissing(assetsFile === null);
    if (!assetsFile) return;
    setJobId(null);
    start.mutate({ assets: assetsFile, dependencies: dependenciesFile });
  };

  if (job?.state === "done" && job.report) {
    const report = job.report;
    return (
      <Stack>
        <Alert color="teal" role="status">
          {t("assets.imported", {
            created: format.number(report.assets.created),
            updated: format.number(report.assets.updated),
            rows: format.number(report.dependencies.rows),
            dependents: format.number(report.dependencies.dependents),
          })}
        </Alert>
        <Group justify="flex-end">
          <Button onClick={onClose}>{t("common.done")}</Button>
        </Group>
      </Stack>
    );
  }

  const busy = start.isPending || running(job);
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack>
        <Text size="sm">{t("assets.importHelp")}</Text>
        <FileInput
          label={t("assets.assetsFile")}
          description={t("assets.assetsColumns")}
          placeholder={t("assets.chooseFile")}
          accept=".csv,text/csv,.geojson,.json,application/geo+json,application/json"
          leftSection={
            assetsFile && isGeoJson(assetsFile) ? <IconMap size={16} /> : <IconFileTypeCsv size={16} />
          }
          value={assetsFile}
          onChange={setAssetsFile}
          error={missing ? t("common.required") : undefined}
          disabled={busy}
          required
          clearable
        />
        <FileInput
          label={t("assets.dependenciesFile")}
          description={t("assets.dependenciesColumns")}
          placeholder={t("common.optional")}
          accept=".csv,text/csv"
          leftSection={<IconFileTypeCsv size={16} />}
          value={dependenciesFile}
          onChange={setDependenciesFile}
          disabled={busy}
          clearable
        />
        {start.isPending && <ImportProgress phase={t("assets.importSending")} done={0} total={0} />}
        {job && running(job) && (
          <ImportProgress
            phase={`${t(`assets.importStates.${job.state}`)}: ${t(`assets.importPhases.${job.phase}`)}`}
            done={job.done}
            total={job.total}
          />
        )}
        <ProblemAlert error={failure} fields={problems.length > 0 ? [""] : []} />
        {problems.length > 0 && <ProblemTable problems={problems} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" loading={busy}>
            {t("assets.runImport")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function ImportProgress({ phase, done, total }: { phase: string; done: number; total: number }) {
  const { t } = useTranslation();
  const format = useFormat();
  // Before a phase knows its total (reading the files), the bar moves without a figure.
  const known = total > 0;
  return (
    <Stack gap={4} role="status" aria-live="polite">
      <Group justify="space-between">
        <Text size="sm">{phase}</Text>
        {known && (
          <Text size="sm" c="dimmed">
            {t("assets.importCount", { done: format.number(done), total: format.number(total) })}
          </Text>
        )}
      </Group>
      <Progress
        value={known ? (done / total) * 100 : 100}
        striped={!known}
        animated={!known}
        aria-label={phase}
        transitionDuration={200}
      />
    </Stack>
  );
}

function ProblemTable({ problems }: { problems: FileProblem[] }) {
  const { t } = useTranslation();
  return (
    <Stack gap={4}>
      <Text fw={600} size="sm">
        {t("assets.problems")}
      </Text>
      <ScrollArea.Autosize mah={320}>
        <Table striped verticalSpacing={4} fz="sm" aria-label={t("assets.problems")}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("assets.file")}</Table.Th>
              <Table.Th>{t("assets.problemWhere")}</Table.Th>
              <Table.Th>{t("assets.problemField")}</Table.Th>
              <Table.Th>{t("assets.message")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {problems.map((problem) => (
              <Table.Tr key={`${problem.file}:${problem.where}:${problem.field}:${problem.message}`}>
                <Table.Td ff="monospace">{problem.file}</Table.Td>
                <Table.Td ff="monospace">{problem.where}</Table.Td>
                <Table.Td ff="monospace">{problem.field}</Table.Td>
                <Table.Td>{problem.message}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollArea.Autosize>
    </Stack>
  );
}
