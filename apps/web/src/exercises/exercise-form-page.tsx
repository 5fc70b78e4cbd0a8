// Designing an exercise: its HSEEP type, objectives (each tied to a section of resolution 2341 or
// to a capability), the scenario (a threat scenario and the assets attacked) and the participants
// with their roles. The caller's organisation controls it.
import type { ExerciseCreateInput } from "@bulwark/contracts";
import {
  EXERCISE_CAPABILITIES,
  EXERCISE_FRAMEWORK,
  EXERCISE_ROLES,
  EXERCISE_TYPES,
  type ExerciseRole,
  type ExerciseType,
} from "@bulwark/core";
import {
  ActionIcon,
  Button,
  Fieldset,
  Group,
  MultiSelect,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
} from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { IconPlus, IconTrash } from "@tabler/icons-react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { client, fieldErrorsOf } from "../app/api.ts";
import { useMe } from "../app/auth.tsx";
import { PageHeader } from "../app/page-parts.tsx";
import { ProblemAlert } from "../app/problem-alert.tsx";
import { isOneOf } from "../app/vocabulary.ts";
import { ExerciseBanner, exerciseKey, exercisesKey } from "./exercise-parts.tsx";

interface ObjectiveDraft {
  key: number;
  title: string;
  /** "section:<id>" or "capability:<id>". */
  tie: string | null;
}
interface ParticipantDraft {
  key: number;
  organisationId: string | null;
  role: ExerciseRole;
}

let nextKey = 1;

/** The sections of resolution 2341's framework, newest version, for objectives to be tied to. */
export function useSections() {
  return useQuery({
    queryKey: ["self-assessment", "framework", EXERCISE_FRAMEWORK, "latest"],
    queryFn: async () => {
      const frameworks = await client.call("listFrameworks", {});
      const latest = frameworks
        .filter((framework) => framework.id === EXERCISE_FRAMEWORK)
        .sort((a, b) => b.version - a.version)[0];
      if (!latest) return [];
      const framework = await client.call("getFramework", {
        params: { id: latest.id, version: latest.version },
      });
      return framework.sections.map((section) => ({ id: section.id, title: section.title }));
    },
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function NewExercisePage() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [title, setTitle] = useState("");
  const [type, setType] = useState<ExerciseType>("tabletop");
  const [summary, setSummary] = useState("");
  const [objectives, setObjectives] = useState<ObjectiveDraft[]>([{ key: 0, title: "", tie: null }]);
  const [participants, setParticipants] = useState<ParticipantDraft[]>([]);
  const [slug, setSlug] = useState<string | null>(null);
  const [assetIds, setAssetIds] = useState<string[]>([]);
  const [assetNames, setAssetNames] = useState<Record<string, string>>({});
  const [assetSearch, setAssetSearch] = useState("");
  const [q] = useDebouncedValue(assetSearch.trim(), 250);

  const sections = useSections();
  const scenarios = useQuery({
    queryKey: ["risk", "scenarios"],
    queryFn: () => client.call("listRiskScenarios", {}),
  });
  const organisations = useQuery({
    queryKey: ["organisations", "all-for-exercise"],
    queryFn: () => client.call("listOrganisations", { query: { limit: 500 } }),
  });
  const assets = useQuery({
    queryKey: ["assets", "exercise-search", q],
    queryFn: () => client.call("listAssets", { query: { q: q || undefined, limit: 20 } }),
  });

  const tieOptions = useMemo(
    () => [
      {
        group: t("exercises.design.sectionsGroup"),
        items: (sections.data ?? []).map((section) => ({
          value: `section:${section.id}`,
          label: section.title,
        })),
      },
      {
        group: t("exercises.design.capabilitiesGroup"),
        items: EXERCISE_CAPABILITIES.map((capability) => ({
          value: `capability:${capability}`,
          label: t(`exercises.capabilities.${capability}`),
        })),
      },
    ],
    [sections.data, t],
  );
  const organisationOptions = (organisations.data?.items ?? [])
    .filter((organisation) => organisation.id !== me.organisation.id)
    .map((organisation) => ({ value: organisation.id, label: organisation.name }));
  const assetOptions = [
    ...assetIds.map((id) => ({ value: id, label: assetNames[id] ?? id })),
    ...(assets.data?.items ?? [])
      .filter((asset) => !assetIds.includes(asset.id))
      .map((asset) => ({ value: asset.id, label: `${asset.ref} ${asset.name}` })),
  ];

  const save = useMutation({
    mutationFn: () => {
      const body: ExerciseCreateInput = {
        title,
        type,
        summary,
        objectives: objectives.map((objective) => {
          const [kind, id] = (objective.tie ?? ":").split(":");
          if (kind === "section") return { title: objective.title, section: id };
          if (kind === "capability" && isOneOf(EXERCISE_CAPABILITIES, id))
            return { title: objective.title, capability: id };
          return { title: objective.title };
        }),
        participants: participants.flatMap((participant) =>
          participant.organisationId
            ? [{ organisationId: participant.organisationId, role: participant.role }]
            : [],
        ),
        scenario: { slug, attackedAssetIds: assetIds },
      };
      return client.call("createExercise", { body });
    },
    onSuccess: (exercise) => {
      queryClient.setQueryData(exerciseKey(exercise.id), exercise);
      void queryClient.invalidateQueries({ queryKey: exercisesKey });
      navigate(`/exercises/${exercise.id}`);
    },
  });
  const errors = fieldErrorsOf(save.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  const updateObjective = (key: number, change: Partial<ObjectiveDraft>) =>
    setObjectives((list) => list.map((item) => (item.key === key ? { ...item, ...change } : item)));
  const updateParticipant = (key: number, change: Partial<ParticipantDraft>) =>
    setParticipants((list) => list.map((item) => (item.key === key ? { ...item, ...change } : item)));

  return (
    <Stack gap="md">
      <ExerciseBanner />
      <PageHeader title={t("exercises.design.title")} />
      <form onSubmit={submit} aria-label={t("exercises.design.title")}>
        <Stack gap="lg" maw={900}>
          <Fieldset legend={t("exercises.design.basics")}>
            <Stack gap="sm">
              <TextInput
                label={t("exercises.design.name")}
                required
                value={title}
                onChange={(event) => setTitle(event.currentTarget.value)}
                error={errors.title}
              />
              <Select
                label={t("exercises.design.type")}
                required
                allowDeselect={false}
                value={type}
                onChange={(value) => isOneOf(EXERCISE_TYPES, value) && setType(value)}
                data={EXERCISE_TYPES.map((value) => ({ value, label: t(`exercises.types.${value}`) }))}
              />
              <Textarea
                label={t("exercises.design.summary")}
                autosize
                minRows={2}
                value={summary}
                onChange={(event) => setSummary(event.currentTarget.value)}
                error={errors.summary}
              />
            </Stack>
          </Fieldset>
          <Fieldset legend={t("exercises.design.objectives")}>
            <Stack gap="sm">
              <Text size="sm" c="dimmed">
                {t("exercises.design.objectivesHint")}
              </Text>
              {objectives.map((objective, index) => (
                <Group key={objective.key} align="flex-end" wrap="nowrap" gap="sm">
                  <TextInput
                    style={{ flex: 2 }}
                    required
                    label={t("exercises.design.objectiveTitle", { number: index + 1 })}
                    value={objective.title}
                    onChange={(event) => updateObjective(objective.key, { title: event.currentTarget.value })}
                  />
                  <Select
                    style={{ flex: 1 }}
                    required
                    searchable
                    label={t("exercises.design.tiedTo", { number: index + 1 })}
                    value={objective.tie}
                    onChange={(value) => updateObjective(objective.key, { tie: value })}
                    data={tieOptions}
                  />
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    size="lg"
                    disabled={objectives.length === 1}
                    aria-label={t("exercises.design.removeObjective", { number: index + 1 })}
                    onClick={() => setObjectives((list) => list.filter((item) => item.key !== objective.key))}
                  >
                    <IconTrash size={16} />
                  </ActionIcon>
                </Group>
              ))}
              {errors.objectives && (
                <Text c="red" size="sm">
                  {errors.objectives}
                </Text>
              )}
              <Group>
                <Button
                  variant="default"
                  leftSection={<IconPlus size={16} />}
                  onClick={() => setObjectives((list) => [...list, { key: nextKey++, title: "", tie: null }])}
                >
                  {t("exercises.design.addObjective")}
                </Button>
              </Group>
            </Stack>
          </Fieldset>
          <Fieldset legend={t("exercises.design.scenario")}>
            <Stack gap="sm">
              <Select
                label={t("exercises.design.threat")}
                placeholder={t("exercises.design.noThreat")}
                clearable
                searchable
                value={slug}
                onChange={setSlug}
                data={(scenarios.data?.items ?? []).map((scenario) => ({
                  value: scenario.slug,
                  label: scenario.title,
                }))}
              />
              <MultiSelect
                label={t("exercises.design.attacked")}
                description={t("exercises.design.attackedHint")}
                searchable
                searchValue={assetSearch}
                onSearchChange={setAssetSearch}
                filter={({ options }) => options}
                value={assetIds}
                onChange={(ids) => {
                  const names = { ...assetNames };
                  for (const asset of assets.data?.items ?? [])
                    names[asset.id] = `${asset.ref} ${asset.name}`;
                  setAssetNames(names);
                  setAssetIds(ids);
                }}
                data={assetOptions}
              />
            </Stack>
          </Fieldset>
          <Fieldset legend={t("exercises.design.participants")}>
            <Stack gap="sm">
              <Text size="sm" c="dimmed">
                {t("exercises.design.participantsHint")}
              </Text>
              {participants.map((participant, index) => (
                <Group key={participant.key} align="flex-end" wrap="nowrap" gap="sm">
                  <Select
                    style={{ flex: 2 }}
                    searchable
                    required
                    label={t("exercises.design.organisation", { number: index + 1 })}
                    value={participant.organisationId}
                    onChange={(value) => updateParticipant(participant.key, { organisationId: value })}
                    data={organisationOptions}
                  />
                  <Select
                    style={{ flex: 1 }}
                    allowDeselect={false}
                    label={t("exercises.design.role", { number: index + 1 })}
                    value={participant.role}
                    onChange={(value) =>
                      isOneOf(EXERCISE_ROLES, value) && updateParticipant(participant.key, { role: value })
                    }
                    data={EXERCISE_ROLES.map((value) => ({ value, label: t(`exercises.roles.${value}`) }))}
                  />
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    size="lg"
                    aria-label={t("exercises.design.removeParticipant", { number: index + 1 })}
                    onClick={() =>
                      setParticipants((list) => list.filter((item) => item.key !== participant.key))
                    }
                  >
                    <IconTrash size={16} />
                  </ActionIcon>
                </Group>
              ))}
              {errors.participants && (
                <Text c="red" size="sm">
                  {errors.participants}
                </Text>
              )}
              <Group>
                <Button
                  variant="default"
                  leftSection={<IconPlus size={16} />}
                  onClick={() =>
                    setParticipants((list) => [
                      ...list,
                      { key: nextKey++, organisationId: null, role: "player" },
                    ])
                  }
                >
                  {t("exercises.design.addParticipant")}
                </Button>
              </Group>
            </Stack>
          </Fieldset>
          <ProblemAlert error={save.error} fields={Object.keys(errors)} />
          <Group>
            <Button type="submit" loading={save.isPending}>
              {t("exercises.design.save")}
            </Button>
            <Button component={Link} to="/exercises" variant="default">
              {t("exercises.design.cancel")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
