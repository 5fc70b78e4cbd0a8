// The organisation's multi-year exercise programmes (HSEEP's Integrated Preparedness Plan): each
// with its priorities, drawn from the organisation's latest submitted self-assessment (its largest
// gaps) and its risk register (its highest risks), every one naming its source, and the exercises
// per year by type. Designers (administrators, coordinators) make, change and remove them, and may
// draw the priorities again as they stand now.
import type { ExerciseProgramme, ExerciseProgrammeUpdateInput } from "@bulwark/contracts";
import { EXERCISE_TYPES, type ExerciseType } from "@bulwark/core";
import {
  ActionIcon,
  Badge,
  Button,
  Card,
  Fieldset,
  Group,
  List,
  NumberInput,
  Select,
  Skeleton,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconPencil, IconPlus, IconRefresh, IconTrash } from "@tabler/icons-react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { client, fieldErrorsOf } from "../app/api.ts";
import { useMe } from "../app/auth.tsx";
import { ConfirmDialog } from "../app/confirm-dialog.tsx";
import { EmptyState, PageHeader } from "../app/page-parts.tsx";
import { ProblemAlert } from "../app/problem-alert.tsx";
import { isOneOf } from "../app/vocabulary.ts";

const DESIGNERS = ["organisation-admin", "coordinator"];
const programmesKey = ["exercises", "programmes"] as const;

interface ExerciseDraft {
  key: number;
  year: number;
  type: ExerciseType;
  title: string;
  priority: number | null;
}
interface Draft {
  title: string;
  startYear: number;
  years: number;
  exercises: ExerciseDraft[];
}

let nextKey = 1;

const draftOf = (programme: ExerciseProgramme): Draft => ({
  title: programme.title,
  startYear: programme.startYear,
  years: programme.endYear - programme.startYear + 1,
  exercises: programme.years.flatMap((year) =>
    year.exercises.map((exercise) => ({ key: nextKey++, year: year.year, ...exercise })),
  ),
});

/** The form making a programme (`programme` null) or changing one. */
function ProgrammeForm({ programme, onDone }: { programme: ExerciseProgramme | null; onDone: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const thisYear = new Date().getFullYear() + 1;
  const [draft, setDraft] = useState<Draft>(() =>
    programme ? draftOf(programme) : { title: "", startYear: thisYear, years: 3, exercises: [] },
  );
  const priorityCount = programme?.priorities.length ?? null;
  const save = useMutation({
    mutationFn: () => {
      const exercises = draft.exercises.map(({ year, type, title, priority }) => ({
        year,
        type,
        title,
        priority,
      }));
      if (programme) {
        const body: ExerciseProgrammeUpdateInput = {
          title: draft.title,
          startYear: draft.startYear,
          years: draft.years,
          exercises,
        };
        return client.call("updateExerciseProgramme", { params: { id: programme.id }, body });
      }
      return client.call("createExerciseProgramme", {
        body: { title: draft.title, startYear: draft.startYear, years: draft.years, exercises },
      });
    },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: programmesKey });
      notifications.show({ color: "teal", message: t("exercises.programmes.saved") });
      onDone();
    },
  });
  const errors = fieldErrorsOf(save.error);
  const years = Array.from({ length: Math.max(0, draft.years) }, (_, i) => draft.startYear + i);
  const update = (key: number, change: Partial<ExerciseDraft>) =>
    setDraft((current) => ({
      ...current,
      exercises: current.exercises.map((item) => (item.key === key ? { ...item, ...change } : item)),
    }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  return (
    <form
      onSubmit={submit}
      aria-label={programme ? t("exercises.programmes.edit") : t("exercises.programmes.create")}
    >
      <Stack gap="sm">
        <TextInput
          label={t("exercises.programmes.name")}
          required
          maxLength={300}
          value={draft.title}
          onChange={(event) => {
            const title = event.currentTarget.value;
            setDraft((current) => ({ ...current, title }));
          }}
          error={errors.title}
        />
        <Group grow align="flex-start">
          <NumberInput
            label={t("exercises.programmes.startYear")}
            min={2000}
            max={2100}
            value={draft.startYear}
            onChange={(value) =>
              typeof value === "number" && setDraft((current) => ({ ...current, startYear: value }))
            }
            error={errors.startYear}
          />
          <NumberInput
            label={t("exercises.programmes.years")}
            min={1}
            max={10}
            value={draft.years}
            onChange={(value) =>
              typeof value === "number" && setDraft((current) => ({ ...current, years: value }))
            }
            error={errors.years}
          />
        </Group>
        <Fieldset legend={t("exercises.programmes.exercises")}>
          <Stack gap="sm">
            {draft.exercises.map((exercise, index) => (
              <Group key={exercise.key} align="flex-end" wrap="wrap" gap="sm">
                <Select
                  w={110}
                  allowDeselect={false}
                  label={t("exercises.programmes.year", { number: index + 1 })}
                  value={String(exercise.year)}
                  onChange={(value) => value && update(exercise.key, { year: Number(value) })}
                  data={[...new Set([...years, exercise.year])].map((year) => String(year))}
                />
                <Select
                  w={160}
                  allowDeselect={false}
                  label={t("exercises.programmes.type", { number: index + 1 })}
                  value={exercise.type}
                  onChange={(value) =>
                    isOneOf(EXERCISE_TYPES, value) && update(exercise.key, { type: value })
                  }
                  data={EXERCISE_TYPES.map((value) => ({ value, label: t(`exercises.types.${value}`) }))}
                />
                <TextInput
                  style={{ flex: 1, minWidth: 200 }}
                  required
                  maxLength={300}
                  label={t("exercises.programmes.exerciseTitle", { number: index + 1 })}
                  value={exercise.title}
                  onChange={(event) => update(exercise.key, { title: event.currentTarget.value })}
                />
                <Select
                  w={160}
                  clearable
                  label={t("exercises.programmes.priority", { number: index + 1 })}
                  placeholder={t("exercises.programmes.noPriority")}
                  value={exercise.priority === null ? null : String(exercise.priority)}
                  onChange={(value) => update(exercise.key, { priority: value ? Number(value) : null })}
                  data={Array.from({ length: priorityCount ?? 6 }, (_, i) => String(i + 1))}
                />
                <ActionIcon
                  variant="subtle"
                  color="red"
                  size="lg"
                  aria-label={t("exercises.programmes.removeExercise", { number: index + 1 })}
                  onClick={() =>
                    setDraft((current) => ({
                      ...current,
                      exercises: current.exercises.filter((item) => item.key !== exercise.key),
                    }))
                  }
                >
                  <IconTrash size={16} />
                </ActionIcon>
              </Group>
            ))}
            {errors.exercises && (
              <Text c="red" size="sm">
                {errors.exercises}
              </Text>
            )}
            <Group>
              <Button
                variant="default"
                leftSection={<IconPlus size={16} />}
                onClick={() =>
                  setDraft((current) => ({
                    ...current,
                    exercises: [
                      ...current.exercises,
                      {
                        key: nextKey++,
                        year: current.startYear,
                        type: "tabletop",
                        title: "",
                        priority: null,
                      },
                    ],
                  }))
                }
              >
                {t("exercises.programmes.addExercise")}
              </Button>
            </Group>
          </Stack>
        </Fieldset>
        <ProblemAlert error={save.error} fields={Object.keys(errors)} />
        <Group>
          <Button type="submit" loading={save.isPending}>
            {programme ? t("exercises.programmes.saveChanges") : t("exercises.programmes.create")}
          </Button>
          <Button variant="default" onClick={onDone}>
            {t("exercises.design.cancel")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function ProgrammeCard({ programme, designs }: { programme: ExerciseProgramme; designs: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [removing, setRemoving] = useState(false);
  const remove = useMutation({
    mutationFn: () => client.call("deleteExerciseProgramme", { params: { id: programme.id } }),
    onSuccess: () => {
      setRemoving(false);
      void queryClient.invalidateQueries({ queryKey: programmesKey });
    },
  });
  const redraw = useMutation({
    mutationFn: () =>
      client.call("updateExerciseProgramme", {
        params: { id: programme.id },
        body: { redrawPriorities: true },
      }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: programmesKey });
      notifications.show({ color: "teal", message: t("exercises.programmes.redrawn") });
    },
  });
  return (
    <Card withBorder radius="md" padding="lg" component="article" aria-label={programme.title}>
      <Stack gap="md">
        <Group justify="space-between" align="flex-start">
          <Stack gap={2}>
            <Title order={2} size="h3">
              {programme.title}
            </Title>
            <Text size="sm" c="dimmed">
              {t("exercises.programmes.span", { start: programme.startYear, end: programme.endYear })}
            </Text>
          </Stack>
          {designs && !editing && (
            <Group gap="xs">
              <Button
                variant="default"
                size="xs"
                leftSection={<IconPencil size={14} />}
                onClick={() => setEditing(true)}
              >
                {t("exercises.programmes.edit")}
              </Button>
              <Button
                variant="default"
                size="xs"
                leftSection={<IconRefresh size={14} />}
                loading={redraw.isPending}
                onClick={() => redraw.mutate()}
              >
                {t("exercises.programmes.redraw")}
              </Button>
              <Button
                variant="subtle"
                color="red"
                size="xs"
                leftSection={<IconTrash size={14} />}
                onClick={() => setRemoving(true)}
              >
                {t("exercises.programmes.remove")}
              </Button>
            </Group>
          )}
        </Group>
        <ProblemAlert error={redraw.error} />
        <ConfirmDialog
          opened={removing}
          title={t("exercises.programmes.remove")}
          message={t("exercises.programmes.removeText", { title: programme.title })}
          confirmLabel={t("exercises.programmes.remove")}
          loading={remove.isPending}
          error={remove.error}
          onConfirm={() => remove.mutate()}
          onClose={() => setRemoving(false)}
        />
        {editing ? (
          <ProgrammeForm programme={programme} onDone={() => setEditing(false)} />
        ) : (
          <>
            <Stack gap="xs">
              <Title order={3} size="h4">
                {t("exercises.programmes.priorities")}
              </Title>
              <Text size="sm" c="dimmed">
                {t("exercises.programmes.prioritiesHint")}
              </Text>
              {programme.priorities.length === 0 ? (
                <EmptyState>{t("exercises.programmes.noPriorities")}</EmptyState>
              ) : (
                <List type="ordered" spacing="xs">
                  {programme.priorities.map((priority) => (
                    <List.Item key={`${priority.source.id}:${priority.title}`}>
                      <Text fw={600}>{priority.title}</Text>
                      <Group gap="xs">
                        <Badge
                          variant="light"
                          color={priority.source.kind === "risk-register" ? "red" : "blue"}
                        >
                          {t(`exercises.programmes.sources.${priority.source.kind}`)}
                        </Badge>
                        <Text size="sm" c="dimmed">
                          {priority.source.label}
                        </Text>
                      </Group>
                    </List.Item>
                  ))}
                </List>
              )}
            </Stack>
            <Table.ScrollContainer minWidth={500}>
              <Table>
                <Table.Caption>{t("exercises.programmes.perYear")}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t("exercises.programmes.columnYear")}</Table.Th>
                    <Table.Th scope="col">{t("exercises.programmes.columnExercises")}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {programme.years.map((year) => (
                    <Table.Tr key={year.year}>
                      <Table.Th scope="row">{year.year}</Table.Th>
                      <Table.Td>
                        <Text size="sm" style={{ whiteSpace: "pre-line" }}>
                          {year.exercises.length === 0
                            ? "—"
                            : year.exercises
                                .map(
                                  (exercise) =>
                                    `${t(`exercises.types.${exercise.type}`)}: ${exercise.title}${
                                      exercise.priority === null
                                        ? ""
                                        : ` · ${t("exercises.programmes.serves", { number: exercise.priority })}`
                                    }`,
                                )
                                .join("\n")}
                        </Text>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </>
        )}
      </Stack>
    </Card>
  );
}

export function ProgrammesPage() {
  const { t } = useTranslation();
  const me = useMe();
  const designs = me.roles.some((role) => DESIGNERS.includes(role));
  const [creating, setCreating] = useState(false);
  const query = useQuery({
    queryKey: programmesKey,
    queryFn: () => client.call("listExerciseProgrammes", {}),
  });
  const items = query.data?.items ?? [];
  return (
    <Stack gap="md">
      <PageHeader
        title={t("exercises.programmes.title")}
        subtitle={t("exercises.programmes.subtitle")}
        actions={
          designs &&
          !creating && (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
              {t("exercises.programmes.create")}
            </Button>
          )
        }
      />
      {creating && (
        <Card
          withBorder
          radius="md"
          padding="lg"
          component="section"
          aria-label={t("exercises.programmes.create")}
        >
          <Stack gap="sm">
            <Text size="sm" c="dimmed">
              {t("exercises.programmes.createHint")}
            </Text>
            <ProgrammeForm programme={null} onDone={() => setCreating(false)} />
          </Stack>
        </Card>
      )}
      <ProblemAlert error={query.error} />
      {query.isPending ? (
        <Skeleton height={240} radius="md" />
      ) : items.length === 0 ? (
        <EmptyState>{t("exercises.programmes.none")}</EmptyState>
      ) : (
        items.map((programme) => <ProgrammeCard key={programme.id} programme={programme} designs={designs} />)
      )}
    </Stack>
  );
}
