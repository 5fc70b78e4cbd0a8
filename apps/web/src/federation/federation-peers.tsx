// The hub's side: the installations allowed to send it aggregates (name, country, public key), each
// registered by a platform administrator who receives the installation's token once, and revoked
// the same way (what it sent then leaves the regional picture).
import { Badge, Button, Group, Paper, SimpleGrid, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { client, fieldErrorsOf } from "../app/api.ts";
import { ConfirmDialog } from "../app/confirm-dialog.tsx";
import { useFormat } from "../app/format.ts";
import { EmptyState } from "../app/page-parts.tsx";
import { ProblemAlert } from "../app/problem-alert.tsx";
import { SecretOnce } from "../app/secret-once.tsx";

const peersKey = ["federation", "peers"] as const;

export function HubPeers() {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const [name, setName] = useState("");
  const [country, setCountry] = useState("");
  const [publicKey, setPublicKey] = useState("");
  const [revoking, setRevoking] = useState<{ id: string; name: string } | null>(null);
  const peers = useQuery({ queryKey: peersKey, queryFn: () => client.call("listFederationPeers", {}) });
  const register = useMutation({
    mutationFn: () =>
      client.call("createFederationPeer", { body: { name, country: country.toUpperCase(), publicKey } }),
    onSuccess: () => {
      setName("");
      setCountry("");
      setPublicKey("");
      void queryClient.invalidateQueries({ queryKey: peersKey });
      void queryClient.invalidateQueries({ queryKey: ["federation", "regional"] });
    },
  });
  const revoke = useMutation({
    mutationFn: (id: string) => client.call("revokeFederationPeer", { params: { id } }),
    onSuccess: () => {
      setRevoking(null);
      void queryClient.invalidateQueries({ queryKey: peersKey });
      void queryClient.invalidateQueries({ queryKey: ["federation", "regional"] });
    },
  });
  const errors = fieldErrorsOf(register.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    register.mutate();
  };
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="federation-peers">
      <Stack gap="md">
        <Title order={3} id="federation-peers">
          {t("federation.peers.title")}
        </Title>
        <Text size="sm" c="dimmed">
          {t("federation.peers.help")}
        </Text>
        {peers.data && peers.data.length === 0 && <EmptyState>{t("federation.peers.none")}</EmptyState>}
        {peers.data && peers.data.length > 0 && (
          <Table.ScrollContainer minWidth={560}>
            <Table striped verticalSpacing="xs" aria-labelledby="federation-peers">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("federation.peers.name")}</Table.Th>
                  <Table.Th>{t("federation.peers.country")}</Table.Th>
                  <Table.Th>{t("federation.peers.publicKey")}</Table.Th>
                  <Table.Th>{t("federation.peers.registered")}</Table.Th>
                  <Table.Th>{t("federation.peers.state")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {peers.data.map((peer) => (
                  <Table.Tr key={peer.id}>
                    <Table.Td>{peer.name}</Table.Td>
                    <Table.Td>{format.country(peer.country)}</Table.Td>
                    <Table.Td>
                      <Text size="xs" ff="monospace" title={peer.publicKey}>
                        {peer.publicKey.slice(0, 12)}…
                      </Text>
                    </Table.Td>
                    <Table.Td>{format.date(peer.createdAt)}</Table.Td>
                    <Table.Td>
                      {peer.revokedAt ? (
                        <Badge color="gray" variant="light" tt="none">
                          {t("federation.peers.revokedOn", { date: format.date(peer.revokedAt) })}
                        </Badge>
                      ) : (
                        <Group gap="xs">
                          <Badge color="teal" variant="light" tt="none">
                            {t("federation.peers.active")}
                          </Badge>
                          <Button
                            size="compact-xs"
                            variant="subtle"
                            color="red"
                            aria-label={`${t("federation.peers.revoke")}: ${peer.name}`}
                            onClick={() => setRevoking({ id: peer.id, name: peer.name })}
                          >
                            {t("federation.peers.revoke")}
                          </Button>
                        </Group>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        <ProblemAlert error={peers.error} />
        <Title order={4}>{t("federation.peers.register")}</Title>
        <Stack gap="sm" component="form" onSubmit={submit}>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput
              label={t("federation.peers.name")}
              value={name}
              onChange={(event) => setName(event.currentTarget.value)}
              error={errors.name}
              required
            />
            <TextInput
              label={t("federation.peers.countryCode")}
              value={country}
              onChange={(event) => setCountry(event.currentTarget.value)}
              error={errors.country}
              maxLength={2}
              required
            />
            <TextInput
              label={t("federation.peers.publicKey")}
              description={t("federation.peers.publicKeyHelp")}
              value={publicKey}
              onChange={(event) => setPublicKey(event.currentTarget.value.trim())}
              error={errors.publicKey}
              required
            />
          </SimpleGrid>
          <Group>
            <Button type="submit" loading={register.isPending}>
              {t("federation.peers.registerButton")}
            </Button>
          </Group>
          <ProblemAlert error={register.error} fields={["body.name", "body.country", "body.publicKey"]} />
        </Stack>
        {register.data && <SecretOnce title={t("federation.peers.token")} value={register.data.token} />}
      </Stack>
      <ConfirmDialog
        opened={revoking !== null}
        title={t("federation.peers.revokeTitle", { name: revoking?.name ?? "" })}
        message={t("federation.peers.revokeMessage")}
        confirmLabel={t("federation.peers.revoke")}
        loading={revoke.isPending}
        error={revoke.error}
        onConfirm={() => revoking && revoke.mutate(revoking.id)}
        onClose={() => setRevoking(null)}
      />
    </Paper>
  );
}
