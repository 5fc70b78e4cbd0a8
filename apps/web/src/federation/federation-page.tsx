// The federation of aggregates (issue 20, item 6; ADR 0028) as its users see it. On a national
// installation, its administrators of the national authority see the installation's public key,
// record or withdraw the consent to one hub, send now, and read the last sendings and what came of
// them (the schedule sends daily under consent). On a hub, its platform administrators register
// the installations that send; the bodies that support states read the regional picture. Who may
// do what is core's federationPolicy, the rule the server applies.
import { Badge, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { client } from "../app/api.ts";
import { EmptyState, PageHeader } from "../app/page-parts.tsx";
import { CopyableCode } from "../app/secret-once.tsx";
import { useFederationAbilities } from "./abilities.ts";
import { HubPeers } from "./federation-peers.tsx";
import { NationalSending } from "./federation-sending.tsx";
import { RegionalPicture } from "./regional-picture.tsx";

export const federationKey = ["federation"] as const;

function Identity() {
  const { t } = useTranslation();
  const identity = useQuery({
    queryKey: [...federationKey, "identity"],
    queryFn: () => client.call("getFederationIdentity", {}),
  });
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="federation-identity">
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={3} id="federation-identity">
            {t("federation.identity.title")}
          </Title>
          <Badge variant="light" tt="none">
            Ed25519
          </Badge>
        </Group>
        <Text size="sm" c="dimmed">
          {t("federation.identity.help")}
        </Text>
        {identity.data && (
          <>
            <Text size="sm" fw={500}>
              {t("federation.identity.publicKey")}
            </Text>
            <CopyableCode value={identity.data.publicKey} label={t("federation.identity.publicKey")} />
            <Text size="sm" fw={500}>
              {t("federation.identity.fingerprint")}
            </Text>
            <CopyableCode value={identity.data.fingerprint} label={t("federation.identity.fingerprint")} />
          </>
        )}
      </Stack>
    </Paper>
  );
}

export function FederationPage() {
  const { t } = useTranslation();
  const abilities = useFederationAbilities();
  const none = !abilities.any;
  return (
    <Stack gap="lg">
      <PageHeader title={t("federation.title")} subtitle={t("federation.subtitle")} />
      {none ? (
        <EmptyState>{t("federation.nothing")}</EmptyState>
      ) : (
        <>
          {(abilities.speakForState || abilities.managePeers) && <Identity />}
          {abilities.speakForState && <NationalSending />}
          {abilities.managePeers && <HubPeers />}
          {abilities.readRegional && <RegionalPicture />}
        </>
      )}
    </Stack>
  );
}
