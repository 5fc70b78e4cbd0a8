// The improvement plan: the after-action report (AAR/IP) as a PDF, and the corrective actions, each
// a follow-up action of the events' tracker with its owner and due date.
import type { Exercise } from "@bulwark/contracts";
import {
  Anchor,
  Button,
  Group,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconChecklist, IconFileTypePdf } from "@tabler/icons-react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { client, fieldErrorsOf } from "../app/api.ts";
import { DownloadButton } from "../app/download-button.tsx";
import { EmptyState } from "../app/page-parts.tsx";
import { ProblemAlert } from "../app/problem-alert.tsx";
import { actionsKey } from "./exercise-parts.tsx";

function CorrectiveActionForm({ exercise }: { exercise: Exercise }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const organisations = [
    exercise.owner,
    ...exercise.participants.map((participant) => participant.organisation),
  ];
  const [title, setTitle] = useState("");
  const [description, setDescription] = useState("");
  const [owner, setOwner] = useState<string | null>(exercise.owner.id);
  const [dueOn, setDueOn] = useState("");
  const [objectiveId, setObjectiveId] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: () =>
      client.call("createExerciseCorrectiveAction", {
        params: { id: exercise.id },
        body: { title, description, ownerOrganisationId: owner ?? "", dueOn, objectiveId },
      }),
    onSuccess: () => {
      setTitle("");
      setDescription("");
      notifications.show({ color: "teal", message: t("exercises.improvement.added") });
      void queryClient.invalidateQueries({ queryKey: actionsKey(exercise.id) });
      void queryClient.invalidateQueries({ queryKey: ["events"] });
    },
  });
  const errors = fieldErrorsOf(save.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  return (
    <Paper withBorder p="md" radius="md">
      <form onSubmit={submit} aria-label={t("exercises.improvement.add")}>
        <Stack gap="sm">
          <Title order={3}>{t("exercises.improvement.add")}</Title>
          <TextInput
            label={t("exercises.improvement.action")}
            required
            value={title}
            onChange={(event) => setTitle(event.currentTarget.value)}
            error={errors.title}
          />
          <Textarea
            label={t("exercises.improvement.description")}
            autosize
            minRows={2}
            value={description}
            onChange={(event) => setDescription(event.currentTarget.value)}
            error={errors.description}
          />
          <Group grow align="flex-start">
            <Select
              label={t("exercises.improvement.owner")}
              required
              allowDeselect={false}
              value={owner}
              onChange={setOwner}
              data={organisations.map((organisation) => ({
                value: organisation.id,
                label: organisation.name,
              }))}
              error={errors.ownerOrganisationId}
            />
            <TextInput
              type="date"
              label={t("exercises.improvement.due")}
              required
              value={dueOn}
              onChange={(event) => setDueOn(event.currentTarget.value)}
              error={errors.dueOn}
            />
            <Select
              label={t("exercises.improvement.objective")}
              placeholder={t("exercises.improvement.noObjective")}
              clearable
              value={objectiveId}
              onChange={setObjectiveId}
              data={exercise.objectives.map((objective) => ({ value: objective.id, label: objective.title }))}
            />
          </Group>
          <ProblemAlert error={save.error} fields={Object.keys(errors)} />
          <Group>
            <Button type="submit" loading={save.isPending}>
              {t("exercises.improvement.save")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

export function ImprovementPlan({ exercise }: { exercise: Exercise }) {
  const { t } = useTranslation();
  const query = useQuery({
    queryKey: actionsKey(exercise.id),
    queryFn: () => client.call("listExerciseCorrectiveActions", { params: { id: exercise.id } }),
  });
  const items = query.data?.items ?? [];
  return (
    <Stack gap="lg">
      <Group gap="sm">
        <DownloadButton
          href={`/api/exercises/${exercise.id}/aar.pdf`}
          testId="exercise-aar"
          icon={<IconFileTypePdf size={16} />}
        >
          {t("exercises.improvement.aar")}
        </DownloadButton>
        <Button
          component={Link}
          to="/events/actions"
          variant="default"
          leftSection={<IconChecklist size={16} />}
        >
          {t("exercises.improvement.tracker")}
        </Button>
      </Group>
      <Stack gap="sm">
        <Title order={3}>{t("exercises.improvement.title")}</Title>
        <Text size="sm" c="dimmed">
          {t("exercises.improvement.hint")}
        </Text>
        <ProblemAlert error={query.error} />
        {items.length === 0 ? (
          <EmptyState>{t("exercises.improvement.empty")}</EmptyState>
        ) : (
          <Table striped aria-label={t("exercises.improvement.title")}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("exercises.improvement.columnAction")}</Table.Th>
                <Table.Th>{t("exercises.improvement.columnOwner")}</Table.Th>
                <Table.Th>{t("exercises.improvement.columnDue")}</Table.Th>
                <Table.Th>{t("exercises.improvement.columnStatus")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((action) => (
                <Table.Tr key={action.id}>
                  <Table.Td>
                    <Anchor component={Link} to="/events/actions">
                      {action.title}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{action.owner.name}</Table.Td>
                  <Table.Td dir="ltr">{action.dueOn}</Table.Td>
                  <Table.Td>
                    {t(`events.statuses.${action.status}`, { defaultValue: action.status })}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
      {exercise.abilities.control && <CorrectiveActionForm exercise={exercise} />}
    </Stack>
  );
}
