// Who reads the state's profile besides its national authorities: the share as it stands (names
// shown to the national authorities only) and, for their administrators and coordinators, the
// marking and audience to share it under, as when sharing an item (RED, to named people, through the
// API only).
import type { ImplementationProfile } from "@bulwark/contracts";
import type { TlpMarking } from "@bulwark/core";
import { Button, Card, Group, List, MultiSelect, Stack, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { client } from "../app/api.ts";
import { useMe } from "../app/auth.tsx";
import { useFormat } from "../app/format.ts";
import { ProblemAlert } from "../app/problem-alert.tsx";
import { TlpBadge } from "../assets/tlp-badge.tsx";
import { TlpRulePicker } from "../assets/tlp-pickers.tsx";
import { shareAudience, shareForm } from "./profile-view.ts";

export function ShareCard({ country, profile }: { country: string; profile: ImplementationProfile }) {
  const { t } = useTranslation();
  const format = useFormat();
  const me = useMe();
  const queryClient = useQueryClient();
  const share = profile.share;
  const audience = share?.audience ?? [];
  const initial = shareForm(share);
  const [tlp, setTlp] = useState<TlpMarking>(initial.tlp);
  const [communityIds, setCommunityIds] = useState<string[]>(initial.communityIds);
  const [organisationIds, setOrganisationIds] = useState<string[]>(initial.organisationIds);
  const communities = useQuery({
    queryKey: ["communities", "mine"],
    queryFn: () => client.call("listCommunities", { query: { limit: 500 } }),
    enabled: profile.abilities.mayShare,
  });
  const organisations = useQuery({
    queryKey: ["organisations", "all"],
    queryFn: () => client.call("listOrganisations", { query: { limit: 500 } }),
    enabled: profile.abilities.mayShare,
  });
  const mine = (communities.data?.items ?? []).filter((community) =>
    community.organisations.some((organisation) => organisation.id === me.organisation.id),
  );
  const refresh = () => queryClient.invalidateQueries({ queryKey: ["implementation"] });
  const save = useMutation({
    mutationFn: () =>
      client.call("shareImplementationProfile", {
        params: { country },
        body: { tlp, audience: shareAudience({ tlp, communityIds, organisationIds }) },
      }),
    onSuccess: async () => {
      notifications.show({ color: "teal", message: t("implementation.share.saved") });
      await refresh();
    },
  });
  const stop = useMutation({
    mutationFn: () => client.call("unshareImplementationProfile", { params: { country } }),
    onSuccess: async () => {
      notifications.show({ color: "teal", message: t("implementation.share.stopped") });
      await refresh();
    },
  });

  return (
    <Card withBorder radius="md" p="lg" component="section" aria-labelledby="profile-share">
      <Stack gap="sm">
        <Title order={3} id="profile-share">
          {t("implementation.share.title")}
        </Title>
        {share ? (
          <Stack gap={4}>
            <Group gap="xs">
              <TlpBadge marking={share.tlp} />
              <Text size="sm">
                {t("implementation.share.sharedBy", {
                  organisation: share.organisation,
                  date: format.date(share.sharedAt),
                })}
              </Text>
            </Group>
            <Text size="sm" fw={600}>
              {t("implementation.share.sharedWith")}
            </Text>
            {share.tlp === "clear" ? (
              <Text size="sm">{t("implementation.share.everyone")}</Text>
            ) : (
              <List size="sm">
                {audience.map((entry) => (
                  <List.Item key={entry.id}>{entry.name}</List.Item>
                ))}
              </List>
            )}
          </Stack>
        ) : (
          <Text size="sm">{t("implementation.share.notShared")}</Text>
        )}
        {profile.abilities.mayShare && (
          <Stack gap="sm">
            <TlpRulePicker
              label={t("implementation.share.marking")}
              description={t("implementation.share.redHint")}
              value={tlp}
              onChange={setTlp}
              disabled={(marking) => marking === "red"}
            />
            {tlp !== "clear" && (
              <>
                <MultiSelect
                  label={t("implementation.share.communities")}
                  data={mine.map((community) => ({ value: community.id, label: community.name }))}
                  value={communityIds}
                  onChange={setCommunityIds}
                  searchable
                />
                <MultiSelect
                  label={t("implementation.share.organisations")}
                  data={(organisations.data?.items ?? [])
                    .filter((organisation) => organisation.id !== me.organisation.id)
                    .map((organisation) => ({ value: organisation.id, label: organisation.name }))}
                  value={organisationIds}
                  onChange={setOrganisationIds}
                  searchable
                />
              </>
            )}
            <ProblemAlert error={save.error ?? stop.error} />
            <Group gap="sm">
              <Button onClick={() => save.mutate()} loading={save.isPending}>
                {share ? t("implementation.share.update") : t("implementation.share.save")}
              </Button>
              {share && (
                <Button variant="default" color="red" onClick={() => stop.mutate()} loading={stop.isPending}>
                  {t("implementation.share.stop")}
                </Button>
              )}
            </Group>
          </Stack>
        )}
      </Stack>
    </Card>
  );
}
