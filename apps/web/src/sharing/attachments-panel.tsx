// Files attached to a shared item: listed for everyone who sees the item, downloadable where the
// server says so (a personal file only on the author's side and for the roles the author allowed;
// none once retention removed it); the author adds and removes them while the item is a draft.
// The compose page picks files before the item exists (FilePicker) and uploads them after saving.
import type { Attachment, Client } from "@bulwark/contracts";
import { ATTACHMENT_MAX_BYTES, ATTACHMENT_MEDIA_TYPES } from "@bulwark/core";
import {
  ActionIcon,
  Anchor,
  Badge,
  Button,
  Checkbox,
  FileInput,
  Group,
  Paper,
  Stack,
  Table,
  Text,
  Title,
} from "@mantine/core";
import { IconPaperclip, IconTrash } from "@tabler/icons-react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { client } from "../app/api.ts";
import { useFormat } from "../app/format.ts";
import { ProblemAlert } from "../app/problem-alert.tsx";

/** A file chosen for upload, with whether it holds personal data. */
export interface PickedFile {
  readonly file: File;
  readonly personal: boolean;
}

const ACCEPT = ATTACHMENT_MEDIA_TYPES.join(",");

/** Browsers leave the type empty for some files (e.g. .md, .csv on some systems): guess from the name. */
const BY_EXTENSION: Readonly<Record<string, string>> = {
  md: "text/markdown",
  markdown: "text/markdown",
  csv: "text/csv",
  txt: "text/plain",
  log: "text/plain",
  json: "application/json",
};
export const mediaTypeOf = (file: File): string =>
  file.type || BY_EXTENSION[file.name.split(".").pop()?.toLowerCase() ?? ""] || "application/octet-stream";

/** Send one file to a draft. */
export const uploadFile = (api: Client, itemId: string, picked: PickedFile) =>
  api.call("addAttachment", {
    params: { id: itemId },
    query: { filename: picked.file.name, personal: picked.personal ? "true" : "false" },
    body: { bytes: picked.file, mediaType: mediaTypeOf(picked.file) },
  });

export function useFileSize() {
  const format = useFormat();
  return format.fileSize;
}

/** Choose files (each may be marked personal) before or after the item is saved. */
export function FilePicker({
  files,
  onChange,
}: {
  files: PickedFile[];
  onChange: (files: PickedFile[]) => void;
}) {
  const { t } = useTranslation();
  const size = useFileSize();
  const tooBig = files.filter((picked) => picked.file.size > ATTACHMENT_MAX_BYTES);
  return (
    <Stack gap={6}>
      <FileInput
        label={t("sharing.attachments.pick")}
        description={t("sharing.attachments.limits", { size: size(ATTACHMENT_MAX_BYTES) })}
        leftSection={<IconPaperclip size={16} />}
        accept={ACCEPT}
        multiple
        clearable
        value={files.map((picked) => picked.file)}
        onChange={(chosen) =>
          onChange(
            chosen.map((file) => ({
              file,
              personal: files.find((picked) => picked.file === file)?.personal ?? false,
            })),
          )
        }
      />
      {files.map((picked) => (
        <Group
          key={`${picked.file.name}-${picked.file.size}-${picked.file.lastModified}`}
          gap="xs"
          wrap="nowrap"
        >
          <Text size="sm" truncate>
            {picked.file.name} · {size(picked.file.size)}
          </Text>
          <Checkbox
            size="xs"
            label={t("sharing.attachments.personal")}
            checked={picked.personal}
            onChange={(e) => {
              const personal = e.currentTarget.checked;
              onChange(files.map((other) => (other === picked ? { ...other, personal } : other)));
            }}
          />
        </Group>
      ))}
      {tooBig.length > 0 && (
        <Text size="sm" c="red">
          {t("sharing.attachments.tooBig", {
            names: tooBig.map((picked) => picked.file.name).join(", "),
            size: size(ATTACHMENT_MAX_BYTES),
          })}
        </Text>
      )}
    </Stack>
  );
}

export function AttachmentsPanel({ itemId }: { itemId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const size = useFileSize();
  const queryClient = useQueryClient();
  const key = ["sharing", "attachments", itemId];
  const view = useQuery({
    queryKey: key,
    queryFn: () => client.call("listAttachments", { params: { id: itemId } }),
  });
  const [picked, setPicked] = useState<PickedFile[]>([]);
  const add = useMutation({
    mutationFn: async () => {
      for (const file of picked) await uploadFile(client, itemId, file);
    },
    onSuccess: () => setPicked([]),
    onSettled: () => queryClient.invalidateQueries({ queryKey: key }),
  });
  const remove = useMutation({
    mutationFn: (attachmentId: string) =>
      client.call("removeAttachment", { params: { id: itemId, attachmentId } }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: key }),
  });
  if (!view.data) return <ProblemAlert error={view.error} />;
  const { items, mayChange } = view.data;
  if (items.length === 0 && !mayChange) return null;
  return (
    <Stack gap="xs" data-testid="attachments">
      <Title order={4}>{t("sharing.attachments.title")}</Title>
      {items.length > 0 && (
        <Paper withBorder>
          <Table.ScrollContainer minWidth={480}>
            <Table>
              <Table.Tbody>
                {items.map((file) => (
                  <Table.Tr key={file.id}>
                    <Table.Td>
                      <FileName itemId={itemId} file={file} />
                    </Table.Td>
                    <Table.Td>
                      <Text size="xs" c="dimmed">
                        {size(file.size)} · {file.mediaType}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      {file.personal && (
                        <Badge size="sm" variant="light" color="orange">
                          {t("sharing.attachments.personal")}
                        </Badge>
                      )}
                      {file.purgedAt && (
                        <Text size="xs" c="dimmed">
                          {t("sharing.attachments.purged", { date: format.date(file.purgedAt) })}
                        </Text>
                      )}
                    </Table.Td>
                    {mayChange && (
                      <Table.Td>
                        <ActionIcon
                          variant="subtle"
                          color="red"
                          aria-label={t("sharing.attachments.remove", { name: file.filename })}
                          onClick={() => remove.mutate(file.id)}
                          loading={remove.isPending && remove.variables === file.id}
                        >
                          <IconTrash size={16} />
                        </ActionIcon>
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
      {mayChange && (
        <>
          <FilePicker files={picked} onChange={setPicked} />
          <Group>
            <Button
              variant="default"
              disabled={picked.length === 0}
              onClick={() => add.mutate()}
              loading={add.isPending}
            >
              {t("sharing.attachments.add")}
            </Button>
          </Group>
        </>
      )}
      <ProblemAlert error={add.error ?? remove.error} />
    </Stack>
  );
}

function FileName({ itemId, file }: { itemId: string; file: Attachment }) {
  const { t } = useTranslation();
  if (!file.download)
    return (
      <Text size="sm" title={file.purgedAt ? undefined : t("sharing.attachments.withheld")}>
        {file.filename}
      </Text>
    );
  return (
    <Anchor
      size="sm"
      href={client.url(
        `/api/sharing/items/${encodeURIComponent(itemId)}/attachments/${encodeURIComponent(file.id)}`,
      )}
      download={file.filename}
    >
      {file.filename}
    </Anchor>
  );
}
