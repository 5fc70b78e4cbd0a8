// Two-factor sign-in: set up (secret and otpauth URI shown as text, confirmed with a code) or
// turn off (with a current code).
import type { Me } from "@bulwark/contracts";
import { Alert, Badge, Button, Group, Stack, Text, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconShieldCheck } from "@tabler/icons-react";
import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { client, fieldErrorsOf, meKey, queryClient } from "../app/api.ts";
import { useMe } from "../app/auth.tsx";
import { ProblemAlert } from "../app/problem-alert.tsx";
import { CopyableCode } from "../app/secret-once.tsx";

function CodeForm({
  label,
  loading,
  error,
  onSubmit,
  color,
}: {
  label: string;
  loading: boolean;
  error: unknown;
  onSubmit: (code: string) => void;
  color?: string;
}) {
  const { t } = useTranslation();
  const [code, setCode] = useState("");
  const errors = fieldErrorsOf(error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit(code);
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Group align="flex-end" gap="sm">
          <TextInput
            label={t("account.code")}
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={6}
            value={code}
            onChange={(event) => setCode(event.currentTarget.value.replace(/\D/g, ""))}
            error={errors.code}
            w={160}
          />
          <Button type="submit" loading={loading} color={color}>
            {label}
          </Button>
        </Group>
        <ProblemAlert error={error} fields={["code"]} />
      </Stack>
    </form>
  );
}

export function TwoFactor() {
  const { t } = useTranslation();
  const me = useMe();
  const updateMe = (next: Me) => queryClient.setQueryData<Me | null>(meKey, next);
  const setup = useMutation({ mutationFn: () => client.call("totpSetup") });
  const confirm = useMutation({
    mutationFn: (code: string) => client.call("totpConfirm", { body: { code } }),
    onSuccess: (next) => {
      setup.reset();
      updateMe(next);
      notifications.show({ color: "teal", message: t("account.enabled") });
    },
  });
  const disable = useMutation({
    mutationFn: (code: string) => client.call("totpDisable", { body: { code } }),
    onSuccess: (next) => {
      updateMe(next);
      notifications.show({ color: "teal", message: t("account.disabled") });
    },
  });

  const status = (
    <Group gap="xs">
      <Text size="sm">{t("account.twoFactor")}:</Text>
      <Badge color={me.totpEnabled ? "teal" : "gray"} variant="light">
        {me.totpEnabled ? t("account.twoFactorOn") : t("account.twoFactorOff")}
      </Badge>
    </Group>
  );

  if (me.totpEnabled)
    return (
      <Stack maw={560}>
        {status}
        <Text size="sm" c="dimmed">
          {t("account.disableIntro")}
        </Text>
        <CodeForm
          label={t("account.disable")}
          color="red"
          loading={disable.isPending}
          error={disable.error}
          onSubmit={(code) => disable.mutate(code)}
        />
      </Stack>
    );

  return (
    <Stack maw={560}>
      {status}
      <Text size="sm" c="dimmed">
        {t("account.twoFactorIntro")}
      </Text>
      {!setup.data && (
        <Group>
          <Button
            leftSection={<IconShieldCheck size={16} />}
            loading={setup.isPending}
            onClick={() => setup.mutate()}
          >
            {t("account.setUp")}
          </Button>
        </Group>
      )}
      <ProblemAlert error={setup.error} />
      {setup.data && (
        <Alert color="bulwark" variant="light">
          <Stack gap="sm">
            <Text size="sm">{t("account.setupSteps")}</Text>
            <Text size="sm" fw={600}>
              {t("account.uri")}
            </Text>
            <CopyableCode value={setup.data.uri} label={t("account.uri")} />
            <Text size="sm" fw={600}>
              {t("account.secret")}
            </Text>
            <CopyableCode value={setup.data.secret} label={t("account.secret")} />
            <CodeForm
              label={t("account.confirm")}
              loading={confirm.isPending}
              error={confirm.error}
              onSubmit={(code) => confirm.mutate(code)}
            />
          </Stack>
        </Alert>
      )}
    </Stack>
  );
}
