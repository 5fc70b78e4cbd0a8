// Files attached to an incident (issue 17): listed with their size and SHA-256 for everyone who
// sees the incident, downloadable; the filing operator and the authority attach and remove them.
import type { Incident } from "@bulwark/contracts";
import { ATTACHMENT_MAX_BYTES, ATTACHMENT_MEDIA_TYPES } from "@bulwark/core";
import { ActionIcon, Anchor, Button, FileInput, Group, Stack, Text } from "@mantine/core";
import { IconPaperclip, IconTrash } from "@tabler/icons-react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { client } from "../app/api.ts";
import { useFormat } from "../app/format.ts";
import { ProblemAlert } from "../app/problem-alert.tsx";
import { mediaTypeOf, useFileSize } from "../sharing/attachments-panel.tsx";
import { Section } from "./incident-panels.tsx";
import { incidentKey } from "./incident-parts.tsx";

export function AttachmentsPanel({ incident }: { incident: Incident }) {
  const { t } = useTranslation();
  const format = useFormat();
  const size = useFileSize();
  const queryClient = useQueryClient();
  const key = [...incidentKey(incident.id), "attachments"];
  const files = useQuery({
    queryKey: key,
    queryFn: () => client.call("listIncidentAttachments", { params: { id: incident.id } }),
  });
  const [picked, setPicked] = useState<File | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: key });
  const add = useMutation({
    mutationFn: (file: File) =>
      client.call("addIncidentAttachment", {
        params: { id: incident.id },
        query: { filename: file.name },
        body: { bytes: file, mediaType: mediaTypeOf(file) },
      }),
    onSuccess: () => {
      setPicked(null);
      void refresh();
    },
  });
  const remove = useMutation({
    mutationFn: (attachmentId: string) =>
      client.call("removeIncidentAttachment", { params: { id: incident.id, attachmentId } }),
    onSuccess: refresh,
  });
  const data = files.data;
  return (
    <Section title={t("incidents.files.title")} testId="incident-attachments">
      <ProblemAlert error={files.error ?? add.error ?? remove.error} />
      {data && data.items.length === 0 && <Text size="sm">{t("incidents.files.empty")}</Text>}
      {data && data.items.length > 0 && (
        <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: "none" }}>
          {data.items.map((file) => (
            <Group key={file.id} component="li" gap="xs" wrap="nowrap" data-testid="incident-attachment">
              <Stack gap={0} style={{ flex: 1, minWidth: 0 }}>
                <Anchor
                  size="sm"
                  href={client.url(
                    `/api/incidents/${encodeURIComponent(incident.id)}/attachments/${encodeURIComponent(file.id)}`,
                  )}
                  download={file.filename}
                >
                  {file.filename}
                </Anchor>
                <Text size="xs" c="dimmed">
                  {size(file.size)} ·{" "}
                  {t("incidents.files.by", {
                    person: file.addedBy.name,
                    date: format.dateTime(file.addedAt),
                  })}
                </Text>
                <Text size="xs" c="dimmed" ff="monospace" truncate>
                  {t("incidents.files.sha", { hash: file.sha256 })}
                </Text>
              </Stack>
              {data.mayChange && (
                <ActionIcon
                  variant="subtle"
                  color="red"
                  size="lg"
                  aria-label={t("incidents.files.remove", { name: file.filename })}
                  loading={remove.isPending && remove.variables === file.id}
                  onClick={() => remove.mutate(file.id)}
                >
                  <IconTrash size={16} aria-hidden="true" />
                </ActionIcon>
              )}
            </Group>
          ))}
        </Stack>
      )}
      {data?.mayChange && (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            if (picked) add.mutate(picked);
          }}
        >
          <Group gap="xs" align="flex-end">
            <FileInput
              label={t("incidents.files.pick")}
              description={t("incidents.files.limits", { size: size(ATTACHMENT_MAX_BYTES) })}
              leftSection={<IconPaperclip size={16} aria-hidden="true" />}
              accept={ATTACHMENT_MEDIA_TYPES.join(",")}
              clearable
              value={picked}
              onChange={setPicked}
              style={{ flex: 1 }}
            />
            <Button
              type="submit"
              disabled={!picked || picked.size > ATTACHMENT_MAX_BYTES}
              loading={add.isPending}
            >
              {t("incidents.files.upload")}
            </Button>
          </Group>
        </form>
      )}
    </Section>
  );
}
