// Import a STIX 2.1 bundle (a MISP or OpenCTI export, MITRE ATT&CK…) into a community's collection:
// choose the community and the marking for objects that carry none, then see what was added, what
// was already there, and each refused object with its reason. A bad bundle changes nothing and its
// problems are listed by object and property.

import type { StixImportReport } from "@bulwark/contracts";
import {
  Alert,
  Button,
  FileInput,
  Group,
  Paper,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
} from "@mantine/core";
import { IconFileImport } from "@tabler/icons-react";
import { useMutation, useQuery } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { client } from "../app/api.ts";
import { useFormat } from "../app/format.ts";
import { ListTable, PageHeader } from "../app/page-parts.tsx";
import { ProblemAlert } from "../app/problem-alert.tsx";
import { TlpBadge } from "../assets/tlp-badge.tsx";
import { Glossed } from "../search/glossary.tsx";

const DEFAULTS = ["clear", "green", "amber", "amber+strict"] as const;
type DefaultTlp = (typeof DEFAULTS)[number];

class NotJson extends Error {}

export function StixImportPage() {
  const { t } = useTranslation();
  const collections = useQuery({
    queryKey: ["sharing", "stix", "collections"],
    queryFn: () => client.call("listStixCollections", {}),
  });
  const writable = (collections.data?.collections ?? []).filter((collection) => collection.canWrite);
  const [collection, setCollection] = useState<string | null>(null);
  const [defaultTlp, setDefaultTlp] = useState<DefaultTlp>("amber");
  const [file, setFile] = useState<File | null>(null);
  const [tried, setTried] = useState(false);
  const chosen = collection ?? writable[0]?.id ?? null;
  const run = useMutation({
    mutationFn: async ({ file, collection }: { file: File; collection: string }) => {
      let bundle: unknown;
      try {
        bundle = JSON.parse(await file.text());
      } catch {
        throw new NotJson();
      }
      return client.call("importStixBundle", { query: { collection, defaultTlp }, body: bundle });
    },
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (file && chosen) run.mutate({ file, collection: chosen });
  };

  return (
    <Stack gap="md">
      <PageHeader title={t("stix.title")} subtitle={<Glossed text={t("stix.subtitle")} />} />
      <ProblemAlert error={collections.error} />
      {collections.isSuccess && writable.length === 0 && (
        <Alert color="gray" role="status">
          {t("stix.noCollection")}
        </Alert>
      )}
      <Paper withBorder p="md" radius="md" component="form" onSubmit={onSubmit} noValidate>
        <Stack>
          <Select
            label={t("stix.community")}
            description={t("stix.communityHint")}
            data={writable.map((item) => ({ value: item.id, label: item.title }))}
            value={chosen}
            onChange={setCollection}
            allowDeselect={false}
            disabled={writable.length === 0}
            required
          />
          <Radio.Group
            label={t("stix.defaultTlp")}
            description={t("stix.defaultTlpHint")}
            value={defaultTlp}
            onChange={(next) => {
              const found = DEFAULTS.find((marking) => marking === next);
              if (found) setDefaultTlp(found);
            }}
          >
            <Group gap="md" mt={6}>
              {DEFAULTS.map((marking) => (
                <Radio
                  key={marking}
                  value={marking}
                  aria-label={t(`markings.${marking}`)}
                  label={<TlpBadge marking={marking} />}
                />
              ))}
            </Group>
          </Radio.Group>
          <FileInput
            label={t("stix.file")}
            description={t("stix.fileHint")}
            placeholder={t("assets.chooseFile")}
            accept=".json,application/json,application/stix+json"
            leftSection={<IconFileImport size={16} />}
            value={file}
            onChange={setFile}
            error={tried && !file ? t("common.required") : undefined}
            required
            clearable
          />
          {run.error instanceof NotJson ? (
            <Alert color="red" role="alert">
              {t("stix.notJson")}
            </Alert>
          ) : (
            <ProblemAlert error={run.error} />
          )}
          <Group justify="flex-end">
            <Button type="submit" loading={run.isPending} disabled={writable.length === 0}>
              {t("stix.run")}
            </Button>
          </Group>
        </Stack>
      </Paper>
      {run.data && <ImportResult report={run.data} />}
    </Stack>
  );
}

function ImportResult({ report }: { report: StixImportReport }) {
  const { t } = useTranslation();
  const format = useFormat();
  const figures = [
    ["total", report.total],
    ["added", report.added],
    ["duplicates", report.duplicates],
    ["revoked", report.revoked],
    ["refused", report.refused.length],
  ] as const;
  return (
    <Stack gap="sm" role="status" aria-label={t("stix.result")}>
      <SimpleGrid cols={{ base: 2, sm: 5 }}>
        {figures.map(([key, value]) => (
          <Paper key={key} withBorder p="sm" radius="md">
            <Text size="xs" c="dimmed">
              {t(`stix.counts.${key}`)}
            </Text>
            <Text fw={700} size="xl">
              {format.number(value)}
            </Text>
          </Paper>
        ))}
      </SimpleGrid>
      <Group>
        <Button
          component={Link}
          to={`/sharing/stix-collections?collection=${encodeURIComponent(report.collection)}`}
          variant="light"
        >
          {t("stixCollections.viewCollection")}
        </Button>
      </Group>
      {report.revoked > 0 && <Text size="sm">{t("stix.revokedHint")}</Text>}
      {report.refused.length > 0 && (
        <ListTable
          loading={false}
          failed={false}
          isEmpty={false}
          empty=""
          skeletonColumns={2}
          minWidth={560}
          headers={
            <>
              <Table.Th>{t("stix.object")}</Table.Th>
              <Table.Th>{t("stix.reason")}</Table.Th>
            </>
          }
        >
          {report.refused.map((refusal) => (
            <Table.Tr key={`${refusal.index}`}>
              <Table.Td>
                <Text size="sm" ff="monospace">
                  {refusal.id}
                </Text>
              </Table.Td>
              <Table.Td>{refusal.reason}</Table.Td>
            </Table.Tr>
          ))}
        </ListTable>
      )}
    </Stack>
  );
}
