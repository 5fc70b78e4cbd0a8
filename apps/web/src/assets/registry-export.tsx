// Export the registry (what you may see) as the two CSV files an import takes, offered as downloads
// from Blob URLs made in the browser; the URLs are released when the dialog closes.
import { Anchor, Button, Group, Modal, Stack, Text } from "@mantine/core";
import { IconDownload } from "@tabler/icons-react";
import { useMutation } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { client } from "../app/api.ts";
import { useFormat } from "../app/format.ts";
import { ProblemAlert } from "../app/problem-alert.tsx";

interface Download {
  file: string;
  url: string;
  rows: number;
}

/** Data rows of a CSV text (records after the header; a rough count is enough for a hint). */
const rowCount = (text: string) => Math.max(0, text.split(/\r?\n/).filter((line) => line.trim()).length - 1);

function downloadOf(file: string, text: string): Download {
  const url = URL.createObjectURL(new Blob([text], { type: "text/csv;charset=utf-8" }));
  return { file, url, rows: rowCount(text) };
}

export function RegistryExport() {
  const { t } = useTranslation();
  const format = useFormat();
  const [downloads, setDownloads] = useState<Download[]>([]);
  const run = useMutation({
    mutationFn: () => client.call("exportRegistry"),
    onSuccess: (files) =>
      setDownloads([
        downloadOf("assets.csv", files.assets),
        downloadOf("dependencies.csv", files.dependencies ?? ""),
      ]),
  });
  useEffect(
    () => () => {
      for (const download of downloads) URL.revokeObjectURL(download.url);
    },
    [downloads],
  );
  const close = () => {
    setDownloads([]);
    run.reset();
  };

  return (
    <>
      <Button
        variant="default"
        leftSection={<IconDownload size={16} />}
        loading={run.isPending}
        onClick={() => run.mutate()}
      >
        {t("assets.export")}
      </Button>
      <Modal
        opened={downloads.length > 0 || run.isError}
        onClose={close}
        title={t("assets.exportTitle")}
        centered
      >
        <Stack>
          <ProblemAlert error={run.error} />
          {downloads.length > 0 && <Text size="sm">{t("assets.exportText")}</Text>}
          {downloads.map((download) => (
            <Group key={download.file} justify="space-between">
              <Anchor href={download.url} download={download.file}>
                <Group gap={6}>
                  <IconDownload size={16} />
                  {t("assets.download", { file: download.file })}
                </Group>
              </Anchor>
              <Text size="sm" c="dimmed">
                {t("assets.rows", { number: format.number(download.rows) })}
              </Text>
            </Group>
          ))}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t("common.close")}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
