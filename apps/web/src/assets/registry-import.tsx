// Import the registry from two CSV files, read as text in the browser and sent in one request.
// All or nothing: on bad files the server answers 422 with every problem as
// "assets.csv:12:sector"; they are shown in one table (file, line, column, message).
import { Alert, Button, FileInput, Group, Modal, ScrollArea, Stack, Table, Text } from "@mantine/core";
import { IconFileTypeCsv } from "@tabler/icons-react";
import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { client, problemOf, queryClient } from "../app/api.ts";
import { useFormat } from "../app/format.ts";
import { ProblemAlert } from "../app/problem-alert.tsx";

interface FileProblem {
  file: string;
  line: string;
  column: string;
  message: string;
}

/** "assets.csv:12:sector" → file, line, column (a column name may itself hold a colon). */
function problemsOf(error: unknown): FileProblem[] {
  return (problemOf(error)?.errors ?? []).map((item) => {
    const [file = "", line = "", ...column] = item.path.split(":");
    return { file, line, column: column.join(":"), message: item.message };
  });
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

  const run = useMutation({
    mutationFn: async (files: { assets: File; dependencies: File | null }) => {
      const assets = await files.assets.text();
      const dependencies = files.dependencies ? await files.dependencies.text() : undefined;
      return client.call("importRegistry", { body: { assets, dependencies } });
    },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ["assets"] });
      void queryClient.invalidateQueries({ queryKey: ["analysis"] });
    },
  });
  const problems = problemsOf(run.error);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setMissing(assetsFile === null);
    if (assetsFile) run.mutate({ assets: assetsFile, dependencies: dependenciesFile });
  };

  if (run.data) {
    const report = run.data;
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

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack>
        <Text size="sm">{t("assets.importHelp")}</Text>
        <FileInput
          label={t("assets.assetsFile")}
          description={t("assets.assetsColumns")}
          placeholder={t("assets.chooseFile")}
          accept=".csv,text/csv"
          leftSection={<IconFileTypeCsv size={16} />}
          value={assetsFile}
          onChange={setAssetsFile}
          error={missing ? t("common.required") : undefined}
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
          clearable
        />
        <ProblemAlert error={run.error} fields={problems.length > 0 ? [""] : []} />
        {problems.length > 0 && (
          <Stack gap={4}>
            <Text fw={600} size="sm">
              {t("assets.problems")}
            </Text>
            <ScrollArea.Autosize mah={320}>
              <Table striped verticalSpacing={4} fz="sm" aria-label={t("assets.problems")}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t("assets.file")}</Table.Th>
                    <Table.Th ta="end">{t("assets.line")}</Table.Th>
                    <Table.Th>{t("assets.column")}</Table.Th>
                    <Table.Th>{t("assets.message")}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {problems.map((problem) => (
                    <Table.Tr key={`${problem.file}:${problem.line}:${problem.column}:${problem.message}`}>
                      <Table.Td ff="monospace">{problem.file}</Table.Td>
                      <Table.Td ta="end">{problem.line}</Table.Td>
                      <Table.Td ff="monospace">{problem.column}</Table.Td>
                      <Table.Td>{problem.message}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollArea.Autosize>
          </Stack>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" loading={run.isPending}>
            {t("assets.runImport")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
