// The exercises the reader's organisation takes part in, filtered by status and type, as cards
// with their type, status, controller and the reader's role.
import type { ExerciseSummary } from "@bulwark/contracts";
import { EXERCISE_STATUSES, EXERCISE_TYPES } from "@bulwark/core";
import { Anchor, Badge, Button, Card, Group, Select, SimpleGrid, Skeleton, Stack, Text } from "@mantine/core";
import { IconPlus } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { client } from "../app/api.ts";
import { useMe } from "../app/auth.tsx";
import { useFormat } from "../app/format.ts";
import { EmptyState, PageHeader } from "../app/page-parts.tsx";
import { ProblemAlert } from "../app/problem-alert.tsx";
import { isOneOf } from "../app/vocabulary.ts";
import { ExerciseBanner, ExerciseStatusBadge, exercisesKey } from "./exercise-parts.tsx";

const DESIGNERS = ["organisation-admin", "coordinator"];

function ExerciseCard({ exercise }: { exercise: ExerciseSummary }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Card withBorder radius="md" padding="md" component="article" aria-label={exercise.title}>
      <Stack gap="xs" h="100%">
        <Group justify="space-between" gap="xs">
          <Badge color="orange" variant="light" radius="sm">
            {t(`exercises.types.${exercise.type}`)}
          </Badge>
          <ExerciseStatusBadge status={exercise.status} />
        </Group>
        <Text size="xs" fw={700} c="orange.9">
          {exercise.mark}
        </Text>
        <Anchor component={Link} to={`/exercises/${exercise.id}`} fw={600} size="lg" lh={1.3}>
          {exercise.title}
        </Anchor>
        <Text size="sm" c="dimmed">
          {t("exercises.controlledBy", { owner: exercise.owner.name })}
        </Text>
        <Group gap="md" mt="auto">
          <Text size="xs" c="dimmed">
            {t("exercises.yourRole", { role: t(`exercises.roles.${exercise.role}`) })}
          </Text>
          <Text size="xs" c="dimmed">
            {t("exercises.updated", { date: format.date(exercise.updatedAt) })}
          </Text>
        </Group>
      </Stack>
    </Card>
  );
}

export function ExercisesPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const statusParam = params.get("status");
  const typeParam = params.get("type");
  const status = isOneOf(EXERCISE_STATUSES, statusParam) ? statusParam : null;
  const type = isOneOf(EXERCISE_TYPES, typeParam) ? typeParam : null;
  const query = useQuery({
    queryKey: [...exercisesKey, "list"],
    queryFn: () => client.call("listExercises", { query: { limit: 200 } }),
  });
  const set = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  const items = (query.data?.items ?? []).filter(
    (item) => (status === null || item.status === status) && (type === null || item.type === type),
  );
  const mayPlan = me.roles.some((role) => DESIGNERS.includes(role));
  return (
    <Stack gap="md">
      <ExerciseBanner />
      <PageHeader
        title={t("exercises.title")}
        subtitle={t("exercises.subtitle")}
        actions={
          <Group gap="xs">
            <Button component={Link} to="/exercises/programmes" variant="default">
              {t("exercises.programmes.title")}
            </Button>
            {mayPlan && (
              <Button component={Link} to="/exercises/new" leftSection={<IconPlus size={16} />}>
                {t("exercises.create")}
              </Button>
            )}
          </Group>
        }
      />
      <Group gap="sm">
        <Select
          aria-label={t("exercises.filterStatus")}
          placeholder={t("exercises.allStatuses")}
          clearable
          value={status}
          onChange={(value) => set("status", value)}
          data={EXERCISE_STATUSES.map((value) => ({ value, label: t(`exercises.statuses.${value}`) }))}
          w={200}
        />
        <Select
          aria-label={t("exercises.filterType")}
          placeholder={t("exercises.allTypes")}
          clearable
          value={type}
          onChange={(value) => set("type", value)}
          data={EXERCISE_TYPES.map((value) => ({ value, label: t(`exercises.types.${value}`) }))}
          w={200}
        />
      </Group>
      <ProblemAlert error={query.error} />
      {query.isPending ? (
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
          {["a", "b", "c"].map((key) => (
            <Skeleton key={key} height={160} radius="md" />
          ))}
        </SimpleGrid>
      ) : items.length === 0 ? (
        <EmptyState>{t("exercises.none")}</EmptyState>
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
          {items.map((exercise) => (
            <ExerciseCard key={exercise.id} exercise={exercise} />
          ))}
        </SimpleGrid>
      )}
    </Stack>
  );
}
