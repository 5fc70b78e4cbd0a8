// Change your own password (your other sessions end).
import { Button, Group, PasswordInput, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { client, fieldErrorsOf } from "../app/api.ts";
import { ProblemAlert } from "../app/problem-alert.tsx";

const FIELDS = ["currentPassword", "newPassword"];

export function PasswordForm() {
  const { t } = useTranslation();
  const [currentPassword, setCurrentPassword] = useState("");
  const [newPassword, setNewPassword] = useState("");
  const [repeat, setRepeat] = useState("");
  const [differ, setDiffer] = useState(false);
  const change = useMutation({
    mutationFn: (body: { currentPassword: string; newPassword: string }) =>
      client.call("changePassword", { body }),
    onSuccess: () => {
      notifications.show({ color: "teal", message: t("account.passwordChanged") });
      setCurrentPassword("");
      setNewPassword("");
      setRepeat("");
    },
  });
  const errors = fieldErrorsOf(change.error);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setDiffer(newPassword !== repeat);
    if (newPassword === repeat) change.mutate({ currentPassword, newPassword });
  };

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack maw={420}>
        <Text size="sm" c="dimmed">
          {t("account.passwordHint")}
        </Text>
        <PasswordInput
          label={t("account.currentPassword")}
          autoComplete="current-password"
          value={currentPassword}
          onChange={(event) => setCurrentPassword(event.currentTarget.value)}
          error={errors.currentPassword}
          required
        />
        <PasswordInput
          label={t("account.newPassword")}
          autoComplete="new-password"
          value={newPassword}
          onChange={(event) => setNewPassword(event.currentTarget.value)}
          error={errors.newPassword}
          required
        />
        <PasswordInput
          label={t("account.confirmPassword")}
          autoComplete="new-password"
          value={repeat}
          onChange={(event) => setRepeat(event.currentTarget.value)}
          error={differ ? t("account.passwordsDiffer") : undefined}
          required
        />
        <ProblemAlert error={change.error} fields={FIELDS} />
        <Group>
          <Button type="submit" loading={change.isPending}>
            {t("account.changePassword")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
