// Invitations of the signed-in person's organisation into communities: everyone in it sees them,
// its administrators accept or decline (the server decides; its answer shows).
import type { CommunityInvitation } from "@bulwark/contracts";
import { Alert, Button, Group, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconMailForward } from "@tabler/icons-react";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { client, queryClient } from "../app/api.ts";
import { useMe } from "../app/auth.tsx";
import { ProblemAlert } from "../app/problem-alert.tsx";

export const useInvitations = () =>
  useQuery({
    queryKey: ["communities", "invitations"],
    queryFn: () => client.call("listCommunityInvitations"),
  });

export function InvitationsPanel() {
  const { t } = useTranslation();
  const me = useMe();
  const invitations = useInvitations();
  const mayDecide = me.roles.includes("organisation-admin");
  const decide = useMutation({
    mutationFn: ({
      invitation,
      decision,
    }: {
      invitation: CommunityInvitation;
      decision: "accept" | "decline";
    }) => client.call("decideCommunityInvitation", { params: { id: invitation.id }, body: { decision } }),
    onSuccess: (decided) => {
      void queryClient.invalidateQueries({ queryKey: ["communities"] });
      const names = { organisation: decided.organisation.name, community: decided.community.name };
      notifications.show({
        color: "teal",
        message:
          decided.state === "accepted"
            ? t("organisations.accepted", names)
            : t("organisations.declined", names),
      });
    },
  });
  const items = invitations.data ?? [];
  if (items.length === 0 && !invitations.error) return null;
  return (
    <Alert
      variant="light"
      icon={<IconMailForward size={18} />}
      title={t("organisations.invitationsCount", { count: items.length })}
      data-testid="community-invitations"
    >
      <Stack gap="xs">
        <ProblemAlert error={invitations.error ?? decide.error} />
        {items.map((invitation) => (
          <Group key={invitation.id} justify="space-between" wrap="nowrap">
            <Text size="sm">
              {t("organisations.invitationText", {
                organisation: invitation.organisation.name,
                community: invitation.community.name,
              })}
            </Text>
            {mayDecide && (
              <Group gap="xs" wrap="nowrap">
                <Button
                  size="xs"
                  variant="default"
                  loading={decide.isPending}
                  onClick={() => decide.mutate({ invitation, decision: "decline" })}
                >
                  {t("organisations.decline")}
                </Button>
                <Button
                  size="xs"
                  loading={decide.isPending}
                  onClick={() => decide.mutate({ invitation, decision: "accept" })}
                  aria-label={`${t("organisations.accept")} ${invitation.community.name}`}
                >
                  {t("organisations.accept")}
                </Button>
              </Group>
            )}
          </Group>
        ))}
      </Stack>
    </Alert>
  );
}
