// An incident's sitrep schedule on its board (issue 18): the next report's due time for whoever
// sees the incident (overdue highlighted), and, for the incident's coordinators, the period and the
// responsible organisation (whose coordinators are reminded), or ending it.
import type { Incident, SitrepList } from "@bulwark/contracts";
import { SITREP_EVERY_HOURS } from "@bulwark/core";
import { Badge, Button, Group, NumberInput, Select, Stack, Text, Title } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { client, fieldErrorsOf } from "../../app/api.ts";
import { useMe } from "../../app/auth.tsx";
import { useFormat } from "../../app/format.ts";
import { ProblemAlert } from "../../app/problem-alert.tsx";
import { incidentKey } from "../incident-parts.tsx";
import { assigneeOptions } from "./tasks-panel.tsx";

export function SitrepSchedule({ incident, list }: { incident: Incident; list: SitrepList }) {
  const { t } = useTranslation();
  const format = useFormat();
  const me = useMe();
  const queryClient = useQueryClient();
  const { schedule } = list;
  const [every, setEvery] = useState<number | string>(schedule?.everyHours ?? 6);
  const [organisationId, setOrganisationId] = useState<string | null>(
    schedule?.organisation.id ?? me.organisation.id,
  );
  const save = useMutation({
    mutationFn: (everyHours: number | null) =>
      client.call("setSitrepSchedule", {
        params: { id: incident.id },
        body: { everyHours, ...(everyHours !== null && organisationId ? { organisationId } : {}) },
      }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: incidentKey(incident.id) }),
  });
  const errors = fieldErrorsOf(save.error);
  const organisations = assigneeOptions(incident, me).organisations;
  const hours = typeof every === "number" ? every : Number.parseInt(every, 10);
  return (
    <Stack gap="xs" data-testid="sitrep-schedule">
      <Title order={4} size="h5">
        {t("boardReports.sitrepSchedule.title")}
      </Title>
      {schedule ? (
        <Group gap="xs">
          <Text size="sm" fw={600} data-testid="sitrep-next-due">
            {t("boardReports.sitrepSchedule.nextDue", { time: format.dateTime(schedule.nextDueAt) })}
          </Text>
          {schedule.overdue && (
            <Badge color="red" variant="filled">
              {t("boardReports.sitrepSchedule.overdue")}
            </Badge>
          )}
          <Text size="sm" c="dimmed">
            {t("boardReports.sitrepSchedule.every", { count: schedule.everyHours })} ·{" "}
            {t("boardReports.sitrepSchedule.responsible", { organisation: schedule.organisation.name })}
          </Text>
        </Group>
      ) : (
        <Text size="sm" c="dimmed">
          {t("boardReports.sitrepSchedule.none")}
        </Text>
      )}
      {list.abilities.schedule && (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            if (Number.isInteger(hours)) save.mutate(hours);
          }}
        >
          <Stack gap="xs">
            <Text size="sm" c="dimmed">
              {t("boardReports.sitrepSchedule.hint")}
            </Text>
            <Group align="flex-end" wrap="wrap">
              <NumberInput
                label={t("boardReports.sitrepSchedule.everyLabel")}
                value={every}
                onChange={setEvery}
                min={SITREP_EVERY_HOURS.min}
                max={SITREP_EVERY_HOURS.max}
                allowDecimal={false}
                w={160}
                error={errors.everyHours}
              />
              <Select
                label={t("boardReports.sitrepSchedule.organisationLabel")}
                data={organisations.map(([value, label]) => ({ value, label }))}
                value={organisationId}
                onChange={setOrganisationId}
                allowDeselect={false}
                w={300}
                error={errors.organisationId}
              />
              <Button type="submit" loading={save.isPending && save.variables !== null}>
                {t("boardReports.sitrepSchedule.save")}
              </Button>
              {schedule && (
                <Button
                  variant="default"
                  loading={save.isPending && save.variables === null}
                  onClick={() => save.mutate(null)}
                >
                  {t("boardReports.sitrepSchedule.end")}
                </Button>
              )}
            </Group>
            <ProblemAlert error={save.error} />
          </Stack>
        </form>
      )}
    </Stack>
  );
}
