// Revise the CAP warning of a published alert (its author or their organisation's approvers): the
// server sends a CAP Update that references the earlier messages. Text and audience stay as sent.
import type { SharedItem } from "@bulwark/contracts";
import { Button, Group, Modal, Stack } from "@mantine/core";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { client } from "../app/api.ts";
import { ProblemAlert } from "../app/problem-alert.tsx";
import { AlertWarningFields, draftOf, warningInput } from "./alert-warning-fields.tsx";

export function ReviseWarning({ item, onDone }: { item: SharedItem; onDone: (next: SharedItem) => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState(() => (item.warning ? draftOf(item.warning) : null));
  const revise = useMutation({
    mutationFn: () => {
      if (!draft) throw new Error("This alert has no warning.");
      return client.call("reviseAlertWarning", {
        params: { id: item.id },
        body: { warning: warningInput(draft, item.title) },
      });
    },
    onSuccess: (next) => {
      setOpen(false);
      onDone(next);
    },
  });
  if (!draft) return null;
  return (
    <>
      <Button variant="default" onClick={() => setOpen(true)}>
        {t("sharing.warning.revise")}
      </Button>
      <Modal opened={open} onClose={() => setOpen(false)} title={t("sharing.warning.revise")} size="lg">
        <Stack gap="sm">
          <AlertWarningFields value={draft} onChange={setDraft} />
          <ProblemAlert error={revise.error} />
          <Group justify="flex-end">
            <Button onClick={() => revise.mutate()} loading={revise.isPending}>
              {t("sharing.warning.sendUpdate")}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
