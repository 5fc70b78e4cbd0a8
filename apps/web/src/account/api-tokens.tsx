// Your API tokens: create one with the scopes its program needs (its secret shown once), see
// them with their scopes, revoke them.
import type { TokenScope, TokenSummary } from "@bulwark/contracts";
import {
  Badge,
  Button,
  Checkbox,
  Group,
  NumberInput,
  Paper,
  Stack,
  Table,
  Text,
  TextInput,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconPlus } from "@tabler/icons-react";
import { useMutation, useQuery } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { client, fieldErrorsOf, queryClient } from "../app/api.ts";
import { ConfirmDialog } from "../app/confirm-dialog.tsx";
import { useFormat } from "../app/format.ts";
import { TableSkeleton } from "../app/page-parts.tsx";
import { ProblemAlert } from "../app/problem-alert.tsx";
import { SecretOnce } from "../app/secret-once.tsx";

const tokensKey = ["tokens"] as const;
const SCOPES: readonly TokenScope[] = ["read", "write", "taxii"];
const isScope = (value: string): value is TokenScope => SCOPES.some((scope) => scope === value);

function ScopeBadges({ scopes }: { scopes: readonly TokenScope[] }) {
  const { t } = useTranslation();
  return (
    <Group gap={4}>
      {scopes.map((scope) => (
        <Badge key={scope} variant="light" color={scope === "write" ? "orange" : "blue"}>
          {t(`account.scope.${scope}`)}
        </Badge>
      ))}
    </Group>
  );
}

function TokenStatus({ token }: { token: TokenSummary }) {
  const { t } = useTranslation();
  if (token.revokedAt) return <Badge color="gray">{t("account.revoked")}</Badge>;
  if (token.expiresAt && new Date(token.expiresAt).getTime() < Date.now())
    return <Badge color="orange">{t("account.expired")}</Badge>;
  return <Badge color="teal">{t("account.valid")}</Badge>;
}

function CreateToken() {
  const { t } = useTranslation();
  const [name, setName] = useState("");
  const [days, setDays] = useState<number | string>("");
  const [scopes, setScopes] = useState<TokenScope[]>(["read"]);
  const create = useMutation({
    mutationFn: (body: { name: string; expiresInDays?: number; scopes: TokenScope[] }) =>
      client.call("createToken", { body }),
    onSuccess: () => {
      setName("");
      setDays("");
      setScopes(["read"]);
      void queryClient.invalidateQueries({ queryKey: tokensKey });
    },
  });
  const errors = fieldErrorsOf(create.error);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({ name, scopes, ...(typeof days === "number" ? { expiresInDays: days } : {}) });
  };
  return (
    <Stack>
      {create.data && (
        <SecretOnce title={t("account.tokenCreated", { name: create.data.name })} value={create.data.token} />
      )}
      <form onSubmit={onSubmit} noValidate>
        <Checkbox.Group
          label={t("account.scopes")}
          description={t("account.scopesHint")}
          value={scopes}
          onChange={(values) => setScopes(values.filter(isScope))}
          error={errors.scopes}
          mb="sm"
        >
          <Stack gap={6} mt={6}>
            {SCOPES.map((scope) => (
              <Checkbox
                key={scope}
                value={scope}
                label={t(`account.scope.${scope}`)}
                description={t(`account.scopeHint.${scope}`)}
              />
            ))}
          </Stack>
        </Checkbox.Group>
        <Group align="flex-start" gap="sm" wrap="wrap">
          <TextInput
            label={t("account.tokenName")}
            placeholder={t("account.tokenNameHint")}
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
            error={errors.name}
            w={{ base: "100%", sm: 320 }}
          />
          <NumberInput
            label={t("account.expiresInDays")}
            description={t("account.expiresHint")}
            value={days}
            onChange={setDays}
            min={1}
            max={730}
            allowDecimal={false}
            error={errors.expiresInDays}
            w={{ base: "100%", sm: 220 }}
          />
          <Button type="submit" mt={25} loading={create.isPending} leftSection={<IconPlus size={16} />}>
            {t("account.createToken")}
          </Button>
        </Group>
      </form>
      <ProblemAlert error={create.error} fields={["name", "expiresInDays", "scopes"]} />
    </Stack>
  );
}

export function ApiTokens() {
  const { t } = useTranslation();
  const format = useFormat();
  const [revoking, setRevoking] = useState<TokenSummary | null>(null);
  const tokens = useQuery({ queryKey: tokensKey, queryFn: () => client.call("listTokens") });
  const revoke = useMutation({
    mutationFn: (token: TokenSummary) => client.call("revokeToken", { params: { id: token.id } }),
    onSuccess: (_result, token) => {
      void queryClient.invalidateQueries({ queryKey: tokensKey });
      notifications.show({ color: "teal", message: t("account.tokenRevoked", { name: token.name }) });
      setRevoking(null);
    },
  });
  const when = (iso: string | null) => (iso ? format.dateTime(iso) : "—");

  return (
    <Stack>
      <Text size="sm" c="dimmed">
        {t("account.tokensIntro")}
      </Text>
      <CreateToken />
      <ProblemAlert error={tokens.error} />
      {tokens.isPending ? (
        <TableSkeleton columns={7} rows={3} />
      ) : tokens.data && tokens.data.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t("account.noTokens")}
        </Text>
      ) : (
        <Paper withBorder>
          <Table.ScrollContainer minWidth={800}>
            <Table verticalSpacing="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("account.tokenName")}</Table.Th>
                  <Table.Th>{t("account.prefix")}</Table.Th>
                  <Table.Th>{t("account.scopes")}</Table.Th>
                  <Table.Th>{t("account.createdAt")}</Table.Th>
                  <Table.Th>{t("account.expiresAt")}</Table.Th>
                  <Table.Th>{t("account.lastUsedAt")}</Table.Th>
                  <Table.Th>{t("account.status")}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {(tokens.data ?? []).map((token) => (
                  <Table.Tr key={token.id}>
                    <Table.Td fw={500}>{token.name}</Table.Td>
                    <Table.Td>
                      <Text ff="monospace" size="sm">
                        {token.prefix}…
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <ScopeBadges scopes={token.scopes} />
                    </Table.Td>
                    <Table.Td>{when(token.createdAt)}</Table.Td>
                    <Table.Td>{token.expiresAt ? when(token.expiresAt) : t("common.never")}</Table.Td>
                    <Table.Td>{token.lastUsedAt ? when(token.lastUsedAt) : t("common.never")}</Table.Td>
                    <Table.Td>
                      <TokenStatus token={token} />
                    </Table.Td>
                    <Table.Td ta="end">
                      {!token.revokedAt && (
                        <Button
                          size="xs"
                          variant="subtle"
                          color="red"
                          aria-label={`${t("common.revoke")} ${token.name}`}
                          onClick={() => {
                            revoke.reset();
                            setRevoking(token);
                          }}
                        >
                          {t("common.revoke")}
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
      <ConfirmDialog
        opened={revoking !== null}
        title={t("account.revokeTitle")}
        message={t("account.revokeText", { name: revoking?.name ?? "" })}
        confirmLabel={t("common.revoke")}
        loading={revoke.isPending}
        error={revoke.error}
        onConfirm={() => revoking && revoke.mutate(revoking)}
        onClose={() => setRevoking(null)}
      />
    </Stack>
  );
}
