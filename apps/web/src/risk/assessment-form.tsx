// The assessment form (new and revise): asset(s) and scenario; the consequence the cascade engine
// proposes, with its figures; ratings on the methodology's scales; measures; sharing and review
// date; and, as the assessor goes, where the risk sits on the 5x5 matrix against the appetite line.
import type { Assessment, AssessmentContentInput, Methodology } from "@bulwark/contracts";
import { aboveAppetite, matrixCell, residualRatings, riskBand, riskScore } from "@bulwark/core";
import {
  Alert,
  Badge,
  Button,
  Grid,
  Group,
  MultiSelect,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { client } from "../app/api.ts";
import { useFormat } from "../app/format.ts";
import { ProblemAlert } from "../app/problem-alert.tsx";
import type { Option } from "../app/vocabulary.ts";
import { AssetMultiSelect, assetLabel } from "../assets/asset-search.tsx";
import { LevelPicker } from "./level-picker.tsx";
import { type MeasureDraft, MeasuresEditor, newMeasure } from "./measures-editor.tsx";
import { RiskMatrix } from "./risk-matrix.tsx";
import { BandBadge } from "./risk-parts.tsx";

type Marking = "green" | "amber" | "amber+strict";
const MARKINGS: Marking[] = ["green", "amber", "amber+strict"];
const inAYear = () => new Date(Date.now() + 365 * 86_400_000).toISOString().slice(0, 10);

export function AssessmentForm({
  methodology,
  initial,
  saving,
  error,
  onSave,
}: {
  methodology: Methodology;
  initial?: Assessment;
  saving: boolean;
  error: unknown;
  onSave: (content: AssessmentContentInput) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const [title, setTitle] = useState(initial?.title ?? "");
  const [assets, setAssets] = useState<Option[]>(
    initial?.assets.map((asset) => ({ value: asset.id, label: assetLabel(asset) })) ?? [],
  );
  const [scenario, setScenario] = useState<string | null>(initial?.scenario.slug ?? null);
  // A new assessment starts unrated: the assessor chooses each level (no silent default of 3).
  const [likelihood, setLikelihood] = useState<number | null>(initial?.ratings.likelihood ?? null);
  const [vulnerability, setVulnerability] = useState<number | null>(initial?.ratings.vulnerability ?? null);
  const [chosenConsequence, setConsequence] = useState<number | null>(initial?.ratings.consequence ?? null);
  const [rationale, setRationale] = useState(
    initial?.rationale ?? { likelihood: "", vulnerability: "", consequence: "" },
  );
  const [overrideReason, setOverrideReason] = useState(initial?.overrideReason ?? "");
  const [measures, setMeasures] = useState<MeasureDraft[]>(
    initial?.measures.map((measure) => ({ ...newMeasure(), ...measure })) ?? [],
  );
  const [reviewDate, setReviewDate] = useState(initial?.reviewDate ?? inAYear());
  const [marking, setMarking] = useState<Marking>(initial?.marking ?? "amber");
  const [communityIds, setCommunityIds] = useState<string[]>(initial?.communityIds ?? []);
  const [note, setNote] = useState("");
  const [touched, setTouched] = useState(false);

  const assetIds = assets.map((asset) => asset.value);
  const scenarios = useQuery({
    queryKey: ["risk", "scenarios"],
    queryFn: () => client.call("listRiskScenarios"),
  });
  const communities = useQuery({
    queryKey: ["communities", "mine"],
    queryFn: () => client.call("listCommunities", { query: { limit: 200 } }),
    enabled: marking === "green",
  });
  const proposal = useQuery({
    queryKey: ["risk", "consequence", assetIds],
    queryFn: () => client.call("proposeRiskConsequence", { body: { assetIds } }),
    enabled: assetIds.length > 0,
  });
  const proposed = assetIds.length > 0 ? proposal.data : undefined;
  const consequence = chosenConsequence ?? proposed?.level ?? 1;
  const overriding = proposed !== undefined && consequence !== proposed.level;
  const ratings =
    likelihood !== null && vulnerability !== null ? { likelihood, vulnerability, consequence } : null;
  const residual = ratings && residualRatings(ratings, measures);
  const placed = ratings &&
    residual && {
      ratings,
      residual,
      cell: matrixCell(methodology, ratings),
      residualCell: matrixCell(methodology, residual),
      band: riskBand(methodology, ratings),
      above: aboveAppetite(methodology, ratings),
    };
  const unexplained = (dimension: "likelihood" | "vulnerability") =>
    touched && !rationale[dimension].trim() ? t("risk.form.rationaleMissing") : undefined;
  const unrated = (level: number | null) =>
    touched && level === null ? t("risk.form.levelMissing") : undefined;
  const levelLabel = (level: number) => methodology.scales.consequence.levels[level - 1]?.label ?? "";

  const submit = () => {
    setTouched(true);
    if (
      !title.trim() ||
      assetIds.length === 0 ||
      !scenario ||
      !ratings ||
      !rationale.likelihood.trim() ||
      !rationale.vulnerability.trim() ||
      (overriding && !overrideReason.trim())
    )
      return;
    onSave({
      title,
      assetIds,
      scenario,
      ratings,
      rationale,
      overrideReason: overriding ? overrideReason : null,
      measures: measures.map(({ key: _key, ...measure }) => measure),
      reviewDate,
      marking,
      communityIds: marking === "green" ? communityIds : [],
      note: note.trim() || null,
    });
  };

  return (
    <Grid gutter="lg">
      <Grid.Col span={{ base: 12, md: 8 }}>
        <Stack gap="lg">
          <Paper withBorder p="md" radius="md">
            <Title order={4} mb="sm">
              {t("risk.form.what")}
            </Title>
            <Stack gap="sm">
              <TextInput
                label={t("risk.form.title")}
                value={title}
                onChange={(event) => setTitle(event.currentTarget.value)}
                required
                error={touched && !title.trim() ? " " : undefined}
              />
              <AssetMultiSelect
                label={t("risk.columns.assets")}
                value={assets}
                onChange={setAssets}
                required
                error={touched && assetIds.length === 0 ? " " : undefined}
              />
              <Select
                label={t("risk.columns.scenario")}
                data={(scenarios.data?.items ?? []).map((item) => ({
                  value: item.slug,
                  label: `${item.title} (${t(`compendium.threats.${item.family}`)})`,
                }))}
                value={scenario}
                onChange={setScenario}
                searchable
                required
                error={touched && !scenario ? " " : undefined}
              />
            </Stack>
          </Paper>

          <Paper
            withBorder
            p="md"
            radius="md"
            data-testid="proposed-consequence"
            data-level={proposed?.level ?? ""}
            data-assets-lost={proposed?.figures.assetsLost ?? ""}
          >
            <Title order={4} mb="xs">
              {t("risk.form.proposed")}
            </Title>
            {assetIds.length === 0 ? (
              <Text c="dimmed" size="sm">
                {t("risk.form.proposedWaiting")}
              </Text>
            ) : proposal.isPending ? (
              <Text c="dimmed" size="sm">
                {t("app.loading")}
              </Text>
            ) : proposal.error ? (
              <ProblemAlert error={proposal.error} />
            ) : proposed ? (
              <Stack gap="xs">
                <Text fw={700}>
                  {t("risk.form.proposedLevel", { level: proposed.level, label: levelLabel(proposed.level) })}
                </Text>
                <SimpleGrid cols={{ base: 2, sm: 4 }}>
                  <Figure
                    label={t("risk.form.assetsLost")}
                    value={format.number(proposed.figures.assetsLost)}
                    testId="figure-assets-lost"
                  />
                  <Figure
                    label={t("risk.form.population")}
                    value={format.number(proposed.figures.population)}
                    testId="figure-population"
                  />
                  <Figure
                    label={t("risk.form.sectorsHit")}
                    value={format.number(proposed.figures.sectorsHit)}
                    testId="figure-sectors"
                  />
                  <Figure
                    label={t("risk.form.fastLosses", { hours: proposed.figures.speedHours })}
                    value={format.number(proposed.figures.assetsLostFast)}
                    testId="figure-fast"
                  />
                </SimpleGrid>
                <Text size="xs" c="dimmed">
                  {t("risk.form.byFigure", {
                    assets: proposed.byFigure.assetsLost,
                    population: proposed.byFigure.population,
                    sectors: proposed.byFigure.sectorsHit,
                  })}
                  {!proposed.fast && ` ${t("risk.form.slow", { hours: proposed.figures.speedHours })}`}
                </Text>
              </Stack>
            ) : null}
          </Paper>

          <Paper withBorder p="md" radius="md">
            <Title order={4} mb="sm">
              {t("risk.form.ratings")}
            </Title>
            <Stack gap="lg">
              <LevelPicker
                scale={methodology.scales.likelihood}
                value={likelihood}
                onChange={setLikelihood}
                error={unrated(likelihood)}
              />
              <Textarea
                label={t("pattern.labelValue", {
                  label: t("risk.form.rationale"),
                  value: t("risk.dimensions.likelihood"),
                })}
                required
                error={unexplained("likelihood")}
                value={rationale.likelihood}
                onChange={(event) => setRationale({ ...rationale, likelihood: event.currentTarget.value })}
                autosize
                minRows={2}
              />
              <LevelPicker
                scale={methodology.scales.vulnerability}
                value={vulnerability}
                onChange={setVulnerability}
                error={unrated(vulnerability)}
              />
              <Textarea
                label={t("pattern.labelValue", {
                  label: t("risk.form.rationale"),
                  value: t("risk.dimensions.vulnerability"),
                })}
                required
                error={unexplained("vulnerability")}
                value={rationale.vulnerability}
                onChange={(event) => setRationale({ ...rationale, vulnerability: event.currentTarget.value })}
                autosize
                minRows={2}
              />
              <LevelPicker
                scale={methodology.scales.consequence}
                value={consequence}
                onChange={setConsequence}
                proposed={proposed?.level}
                proposedLabel={t("risk.form.proposed")}
              />
              {overriding && (
                <Textarea
                  label={t("risk.form.override")}
                  description={t("risk.form.overrideHint")}
                  value={overrideReason}
                  onChange={(event) => setOverrideReason(event.currentTarget.value)}
                  required
                  error={touched && !overrideReason.trim() ? t("risk.form.overrideMissing") : undefined}
                  autosize
                  minRows={2}
                />
              )}
              <Textarea
                label={t("pattern.labelValue", {
                  label: t("risk.form.rationale"),
                  value: t("risk.dimensions.consequence"),
                })}
                value={rationale.consequence}
                onChange={(event) => setRationale({ ...rationale, consequence: event.currentTarget.value })}
                autosize
                minRows={2}
              />
            </Stack>
          </Paper>

          <Paper withBorder p="md" radius="md">
            <Title order={4} mb="sm">
              {t("risk.form.measures")}
            </Title>
            <MeasuresEditor value={measures} onChange={setMeasures} />
          </Paper>

          <Paper withBorder p="md" radius="md">
            <Stack gap="sm">
              <Group grow align="flex-start" wrap="wrap">
                <TextInput
                  type="date"
                  label={t("risk.form.reviewDate")}
                  value={reviewDate}
                  onChange={(event) => setReviewDate(event.currentTarget.value)}
                  required
                />
                <Select
                  label={t("risk.form.marking")}
                  data={MARKINGS.map((item) => ({ value: item, label: t(`markings.${item}`) }))}
                  value={marking}
                  onChange={(value) => {
                    const chosen = MARKINGS.find((item) => item === value);
                    if (chosen) setMarking(chosen);
                  }}
                  allowDeselect={false}
                />
              </Group>
              <Text size="xs" c="dimmed">
                {t("risk.form.markingHint")}
              </Text>
              {marking === "green" && (
                <MultiSelect
                  label={t("risk.form.communities")}
                  data={(communities.data?.items ?? []).map((item) => ({ value: item.id, label: item.name }))}
                  value={communityIds}
                  onChange={setCommunityIds}
                  searchable
                />
              )}
              {initial && (
                <TextInput
                  label={t("risk.form.note")}
                  value={note}
                  onChange={(event) => setNote(event.currentTarget.value)}
                />
              )}
            </Stack>
          </Paper>
          <ProblemAlert error={error} />
          <Group>
            <Button onClick={submit} loading={saving}>
              {t("risk.form.save")}
            </Button>
          </Group>
        </Stack>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 4 }}>
        <Paper withBorder p="md" radius="md" pos="sticky" top={80}>
          <Title order={4} mb="xs">
            {t("risk.matrix.label")}
          </Title>
          {placed ? (
            <Group gap="xs" mb="sm">
              <BandBadge band={placed.band} score={riskScore(placed.ratings)} />
              <Badge
                color={placed.above ? "red" : "green"}
                variant="light"
                tt="none"
                data-testid="appetite-state"
              >
                {placed.above ? t("risk.detail.appetiteAbove") : t("risk.detail.appetiteWithin")}
              </Badge>
            </Group>
          ) : (
            <Text size="sm" c="dimmed" mb="sm" data-testid="matrix-unrated">
              {t("risk.form.unrated")}
            </Text>
          )}
          <RiskMatrix
            methodology={methodology}
            title={t("risk.matrix.label")}
            points={
              placed
                ? [
                    { ...placed.residualCell, label: t("risk.matrix.residual"), hollow: true },
                    { ...placed.cell, label: t("risk.matrix.current") },
                  ]
                : []
            }
          />
          {placed && (
            <Text size="xs" c="dimmed" mt="xs">
              {t("risk.form.score", { score: riskScore(placed.ratings) })} ·{" "}
              {t("pattern.labelValue", {
                label: t("risk.matrix.residual"),
                value: riskScore(placed.residual),
              })}
            </Text>
          )}
          {overriding && (
            <Alert color="yellow" mt="sm" p="xs">
              <Text size="xs">{t("risk.form.overrideHint")}</Text>
            </Alert>
          )}
        </Paper>
      </Grid.Col>
    </Grid>
  );
}

function Figure({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700} size="lg" data-testid={testId}>
        {value}
      </Text>
    </Stack>
  );
}
