// The sign-in page: email and password, then a six-digit code when the account has two-factor
// sign-in (the server answers 401 with a problem type ending in "totp-required").
import type { Me } from "@bulwark/contracts";
import {
  Alert,
  Box,
  Button,
  Center,
  Group,
  Paper,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { IconShieldLock } from "@tabler/icons-react";
import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Navigate, useLocation } from "react-router";
import { client, fieldErrorsOf, meKey, problemOf, queryClient } from "./api.ts";
import { useMeQuery } from "./auth.tsx";
import { LanguageSwitcher } from "./language-switcher.tsx";
import { Logo } from "./logo.tsx";
import { ProblemAlert } from "./problem-alert.tsx";

function returnPath(state: unknown): string {
  if (state && typeof state === "object" && "from" in state && typeof state.from === "string")
    return state.from;
  return "/";
}

export function SignInPage() {
  const { t } = useTranslation();
  const location = useLocation();
  const me = useMeQuery();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [code, setCode] = useState("");
  const [needsCode, setNeedsCode] = useState(false);
  const [missing, setMissing] = useState<string | null>(null);

  const login = useMutation({
    mutationKey: ["login"],
    mutationFn: (body: { email: string; password: string; totp?: string }) => client.call("login", { body }),
    onSuccess: (signedIn) => queryClient.setQueryData<Me | null>(meKey, signedIn),
    onError: (error) => {
      if (problemOf(error)?.type.endsWith("totp-required")) setNeedsCode(true);
    },
  });

  if (me.data) return <Navigate to={returnPath(location.state)} replace />;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!email.trim() || !password) return setMissing(t("signIn.missing"));
    if (needsCode && !/^\d{6}$/.test(code)) return setMissing(t("signIn.codeFormat"));
    setMissing(null);
    login.mutate({ email: email.trim(), password, ...(needsCode ? { totp: code } : {}) });
  };

  const problem = problemOf(login.error);
  const codeAsked = problem?.type.endsWith("totp-required") ?? false;
  const fields = fieldErrorsOf(login.error);

  return (
    <Box mih="100vh" bg="var(--mantine-color-gray-0)">
      <Group component="header" justify="flex-end" p="md">
        <LanguageSwitcher />
      </Group>
      <Center component="main" px="md" pb="xl">
        <Stack w="100%" maw={420} gap="lg">
          <Stack align="center" gap={6}>
            <Logo size={56} />
            <Title order={1} size="h2">
              {t("app.name")}
            </Title>
            <Text c="dimmed" size="sm" ta="center">
              {t("app.tagline")}
            </Text>
          </Stack>
          <Paper withBorder shadow="sm" p="xl" radius="md">
            <form onSubmit={onSubmit} noValidate>
              <Stack>
                <Stack gap={2}>
                  <Title order={2} size="h3">
                    {t("signIn.title")}
                  </Title>
                  <Text size="sm" c="dimmed">
                    {t("signIn.subtitle")}
                  </Text>
                </Stack>
                <TextInput
                  label={t("signIn.email")}
                  type="email"
                  autoComplete="username"
                  value={email}
                  onChange={(event) => setEmail(event.currentTarget.value)}
                  error={fields.email}
                  autoFocus
                />
                <PasswordInput
                  label={t("signIn.password")}
                  autoComplete="current-password"
                  value={password}
                  onChange={(event) => setPassword(event.currentTarget.value)}
                  error={fields.password}
                />
                {needsCode && (
                  <Stack gap={6}>
                    <Alert color="bulwark" icon={<IconShieldLock size={18} />} p="sm">
                      <Text size="sm">{t("signIn.codeHint")}</Text>
                    </Alert>
                    <TextInput
                      label={t("signIn.code")}
                      inputMode="numeric"
                      autoComplete="one-time-code"
                      maxLength={6}
                      value={code}
                      onChange={(event) => setCode(event.currentTarget.value.replace(/\D/g, ""))}
                      error={fields.totp}
                      autoFocus
                    />
                  </Stack>
                )}
                {missing && (
                  <Alert color="red" role="alert" p="sm">
                    {missing}
                  </Alert>
                )}
                {login.error && !codeAsked && (
                  <ProblemAlert error={login.error} fields={Object.keys(fields)} />
                )}
                <Button type="submit" loading={login.isPending} fullWidth>
                  {t("signIn.submit")}
                </Button>
              </Stack>
            </form>
          </Paper>
          <Text size="xs" c="dimmed" ta="center">
            {t("signIn.resolution")}
          </Text>
        </Stack>
      </Center>
    </Box>
  );
}
