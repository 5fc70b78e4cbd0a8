// The moves an engagement's party may make now (the state accepts or declines, the provider
// withdraws, either completes), as buttons: the server decides which (abilities.transitions).
import type { Engagement } from "@bulwark/contracts";
import type { EngagementStatus } from "@bulwark/core";
import { Button, Group } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { client } from "../app/api.ts";
import { ProblemAlert } from "../app/problem-alert.tsx";
import { assistanceKey } from "./assistance-parts.tsx";

const VARIANTS: Record<EngagementStatus, { variant: string; color?: string }> = {
  proposed: { variant: "light" },
  active: { variant: "filled", color: "teal" },
  completed: { variant: "filled" },
  declined: { variant: "default" },
  withdrawn: { variant: "default" },
};

export function EngagementMoves({ engagement }: { engagement: Engagement }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const move = useMutation({
    mutationFn: (status: EngagementStatus) =>
      client.call("updateAssistanceEngagement", { params: { id: engagement.id }, body: { status } }),
    onSuccess: (updated) => {
      void queryClient.invalidateQueries({ queryKey: assistanceKey });
      notifications.show({
        color: "teal",
        message: t("assistance.engagement.moved", {
          status: t(`assistance.engagementStatuses.${updated.status}`),
        }),
      });
    },
  });
  if (engagement.abilities.transitions.length === 0) return null;
  return (
    <>
      <Group gap="xs">
        {engagement.abilities.transitions.map((status) => (
          <Button
            key={status}
            size="xs"
            {...VARIANTS[status]}
            loading={move.isPending && move.variables === status}
            disabled={move.isPending}
            onClick={() => move.mutate(status)}
          >
            {t(`assistance.moves.${status}`)}
          </Button>
        ))}
      </Group>
      <ProblemAlert error={move.error} />
    </>
  );
}
