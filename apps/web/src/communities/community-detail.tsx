// One community: its description, member organisations and moderators, with edit and remove
// offered to the people likely to be allowed (the server has the last word and its answer shows).
import type { Community } from "@bulwark/contracts";
import { Badge, Button, Divider, Group, List, Modal, Skeleton, Stack, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconDoorExit, IconPencil, IconTrash } from "@tabler/icons-react";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { client, queryClient } from "../app/api.ts";
import { useMe } from "../app/auth.tsx";
import { ConfirmDialog } from "../app/confirm-dialog.tsx";
import { useFormat } from "../app/format.ts";
import { ProblemAlert } from "../app/problem-alert.tsx";
import { CommunityForm } from "./community-form.tsx";

export function CommunityDetail({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const format = useFormat();
  const [editing, setEditing] = useState(false);
  const [removing, setRemoving] = useState(false);
  const [leaving, setLeaving] = useState(false);
  const detail = useQuery({
    queryKey: ["communities", "detail", id],
    queryFn: () => client.call("getCommunity", { params: { id: id ?? "" } }),
    enabled: id !== null,
  });
  const withdraw = useMutation({
    mutationFn: (invitationId: string) =>
      client.call("withdrawCommunityInvitation", { params: { id: invitationId } }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ["communities"] }),
  });
  const leave = useMutation({
    mutationFn: (community: Community) =>
      client.call("leaveCommunity", { params: { id: community.id, organisationId: me.organisation.id } }),
    onSuccess: (_result, community) => {
      void queryClient.invalidateQueries({ queryKey: ["communities"] });
      notifications.show({
        color: "teal",
        message: t("communities.left", { organisation: me.organisation.name, community: community.name }),
      });
      setLeaving(false);
      onClose();
    },
  });
  const remove = useMutation({
    mutationFn: (community: Community) => client.call("deleteCommunity", { params: { id: community.id } }),
    onSuccess: (_result, community) => {
      void queryClient.invalidateQueries({ queryKey: ["communities"] });
      notifications.show({ color: "teal", message: t("communities.deleted", { name: community.name }) });
      setRemoving(false);
      onClose();
    },
  });
  const community = detail.data;
  const moderates = community?.moderators.some((moderator) => moderator.id === me.id) ?? false;
  const mayChange =
    moderates || me.abilities.includes("community:create") || me.roles.includes("platform-admin");
  const mayLeave =
    me.roles.includes("organisation-admin") &&
    (community?.organisations.some((organisation) => organisation.id === me.organisation.id) ?? false);
  const mayWithdraw = moderates || me.roles.includes("platform-admin");

  return (
    <>
      <Modal
        opened={id !== null && !editing && !removing && !leaving}
        onClose={onClose}
        title={community?.name ?? ""}
        size="lg"
        centered
      >
        <Stack>
          <ProblemAlert error={detail.error} />
          {detail.isPending && (
            <Stack>
              <Skeleton height={16} />
              <Skeleton height={16} width="70%" />
              <Skeleton height={80} />
            </Stack>
          )}
          {community && (
            <>
              <Text
                size="sm"
                c={community.description ? undefined : "dimmed"}
                style={{ whiteSpace: "pre-wrap" }}
              >
                {community.description || t("communities.noDescription")}
              </Text>
              <Divider />
              <Title order={3} size="h5">
                {t("communities.organisations")}{" "}
                <Badge variant="light" size="sm">
                  {format.number(community.organisations.length)}
                </Badge>
              </Title>
              {community.organisations.length === 0 ? (
                <Text size="sm" c="dimmed">
                  {t("communities.noOrganisations")}
                </Text>
              ) : (
                <List size="sm" spacing={4}>
                  {community.organisations.map((organisation) => (
                    <List.Item key={organisation.id}>{organisation.name}</List.Item>
                  ))}
                </List>
              )}
              {mayWithdraw && community.invited.length > 0 && (
                <>
                  <Title order={3} size="h5">
                    {t("communities.invited")}
                  </Title>
                  <ProblemAlert error={withdraw.error} />
                  <List size="sm" spacing={4} data-testid="community-invited">
                    {community.invited.map((organisation) => (
                      <List.Item key={organisation.invitationId}>
                        <Group gap="xs">
                          <Text size="sm">{organisation.name}</Text>
                          <Button
                            size="compact-xs"
                            variant="subtle"
                            color="red"
                            loading={withdraw.isPending}
                            onClick={() => withdraw.mutate(organisation.invitationId)}
                          >
                            {t("communities.withdraw")}
                          </Button>
                        </Group>
                      </List.Item>
                    ))}
                  </List>
                </>
              )}
              <Title order={3} size="h5">
                {t("communities.moderators")}
              </Title>
              {community.moderators.length === 0 ? (
                <Text size="sm" c="dimmed">
                  {t("communities.noModerators")}
                </Text>
              ) : (
                <Group gap="xs">
                  {community.moderators.map((moderator) => (
                    <Badge key={moderator.id} variant="outline" tt="none">
                      {moderator.name}
                    </Badge>
                  ))}
                </Group>
              )}
              {(mayChange || mayLeave) && (
                <Group justify="flex-end" mt="sm">
                  {mayLeave && (
                    <Button
                      variant="default"
                      leftSection={<IconDoorExit size={16} />}
                      onClick={() => {
                        leave.reset();
                        setLeaving(true);
                      }}
                    >
                      {t("communities.leave")}
                    </Button>
                  )}
                </Group>
              )}
              {mayChange && (
                <Group justify="flex-end" mt="sm">
                  <Button
                    variant="default"
                    color="red"
                    leftSection={<IconTrash size={16} />}
                    onClick={() => {
                      remove.reset();
                      setRemoving(true);
                    }}
                  >
                    {t("common.remove")}
                  </Button>
                  <Button leftSection={<IconPencil size={16} />} onClick={() => setEditing(true)}>
                    {t("common.edit")}
                  </Button>
                </Group>
              )}
            </>
          )}
        </Stack>
      </Modal>
      <CommunityForm community={community ?? null} opened={editing} onClose={() => setEditing(false)} />
      <ConfirmDialog
        opened={leaving}
        title={t("communities.leaveTitle")}
        message={t("communities.leaveText", {
          organisation: me.organisation.name,
          community: community?.name ?? "",
        })}
        confirmLabel={t("communities.leave")}
        loading={leave.isPending}
        error={leave.error}
        onConfirm={() => community && leave.mutate(community)}
        onClose={() => setLeaving(false)}
      />
      <ConfirmDialog
        opened={removing}
        title={t("communities.deleteTitle")}
        message={t("communities.deleteText", { name: community?.name ?? "" })}
        confirmLabel={t("common.remove")}
        loading={remove.isPending}
        error={remove.error}
        onConfirm={() => community && remove.mutate(community)}
        onClose={() => setRemoving(false)}
      />
    </>
  );
}
