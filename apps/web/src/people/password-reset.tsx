// Reset someone's password: the server generates a new one, shown here once.
import type { User } from "@bulwark/contracts";
import { Button, Group, Modal, Stack, Text } from "@mantine/core";
import { useMutation } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { client } from "../app/api.ts";
import { ProblemAlert } from "../app/problem-alert.tsx";
import { SecretOnce } from "../app/secret-once.tsx";

export function PasswordReset({ user, onClose }: { user: User | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={user !== null}
      onClose={onClose}
      title={user ? t("people.resetTitle", { name: user.name }) : ""}
      centered
    >
      {user && <ResetBody key={user.id} user={user} onClose={onClose} />}
    </Modal>
  );
}

function ResetBody({ user, onClose }: { user: User; onClose: () => void }) {
  const { t } = useTranslation();
  const reset = useMutation({
    mutationFn: () => client.call("resetPassword", { params: { id: user.id }, body: {} }),
  });
  const password = reset.data?.password;
  if (password)
    return (
      <Stack>
        <SecretOnce title={t("people.resetDone", { name: user.name })} value={password} />
        <Group justify="flex-end">
          <Button onClick={onClose}>{t("common.done")}</Button>
        </Group>
      </Stack>
    );
  return (
    <Stack>
      <Text size="sm">{t("people.resetText")}</Text>
      <ProblemAlert error={reset.error} />
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          {t("common.cancel")}
        </Button>
        <Button color="red" loading={reset.isPending} onClick={() => reset.mutate()}>
          {t("people.resetPassword")}
        </Button>
      </Group>
    </Stack>
  );
}
