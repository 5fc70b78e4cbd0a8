// "My expert profile": opt in, edit or withdraw. Beside the form, a live preview of the card and of
// who will see it (one's organisation, the organisations of one's communities, or everyone).

import type { ExpertProfile, ExpertProfileInput, ExpertSummary } from "@bulwark/contracts";
import { LANGUAGES } from "@bulwark/core";
import {
  Alert,
  Button,
  Checkbox,
  Grid,
  Group,
  Loader,
  MultiSelect,
  Paper,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  TagsInput,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconEye, IconTrash } from "@tabler/icons-react";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { client, fieldErrorsOf, queryClient } from "../app/api.ts";
import { useMe } from "../app/auth.tsx";
import { ConfirmDialog } from "../app/confirm-dialog.tsx";
import { PageHeader } from "../app/page-parts.tsx";
import { ProblemAlert } from "../app/problem-alert.tsx";
import { useCompendiumLabels } from "../compendium/compendium-vocabulary.ts";
import { EntryMarkdown } from "../compendium/entry-markdown.tsx";
import { ExpertCard } from "./expert-card.tsx";

type Draft = Required<{ [K in keyof ExpertProfileInput]: Exclude<ExpertProfileInput[K], undefined> }>;

const EMPTY: Draft = {
  headline: "",
  bio: "",
  expertise: [],
  sectors: [],
  phases: [],
  themes: [],
  threats: [],
  languages: [],
  region: null,
  country: null,
  visibility: "organisation",
  showEmail: false,
};

const draftOf = (profile: ExpertProfile): Draft => ({
  headline: profile.headline,
  bio: profile.bio,
  expertise: profile.expertise,
  sectors: profile.sectors,
  phases: profile.phases,
  themes: profile.themes,
  threats: profile.threats,
  languages: profile.languages,
  region: profile.region,
  country: profile.country,
  visibility: profile.visibility,
  showEmail: profile.showEmail,
});

export function MyProfilePage() {
  const { t } = useTranslation();
  const mine = useQuery({ queryKey: ["experts", "mine"], queryFn: () => client.call("getMyExpertProfile") });
  return (
    <Stack gap="md">
      <PageHeader title={t("experts.profile.title")} subtitle={t("experts.profile.intro")} />
      <ProblemAlert error={mine.error} />
      {mine.isPending ? (
        <Loader />
      ) : mine.data ? (
        <ProfileForm key={mine.data.profile?.updatedAt ?? "new"} profile={mine.data.profile} />
      ) : null}
    </Stack>
  );
}

function ProfileForm({ profile }: { profile: ExpertProfile | null }) {
  const { t } = useTranslation();
  const me = useMe();
  const labels = useCompendiumLabels();
  const [draft, setDraft] = useState<Draft>(profile ? draftOf(profile) : EMPTY);
  const [withdrawing, setWithdrawing] = useState(false);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) =>
    setDraft((current) => ({ ...current, [key]: value }));
  const refresh = () => queryClient.invalidateQueries({ queryKey: ["experts"] });
  const save = useMutation({
    mutationFn: () =>
      profile
        ? client.call("updateMyExpertProfile", { body: draft })
        : client.call("createMyExpertProfile", { body: draft }),
    onSuccess: async () => {
      notifications.show({ color: "teal", message: t("experts.profile.saved") });
      await refresh();
    },
  });
  const withdraw = useMutation({
    mutationFn: () => client.call("withdrawMyExpertProfile"),
    onSuccess: async () => {
      setWithdrawing(false);
      setDraft(EMPTY);
      notifications.show({ color: "gray", message: t("experts.profile.withdrawn") });
      await refresh();
    },
  });
  const errors = fieldErrorsOf(save.error);
  const languageOptions = LANGUAGES.map((code) => ({ value: code, label: labels.language(code) }));
  // User-assigned codes (XM, the demo country) have no name in Intl: keep the one chosen selectable.
  const countryOptions =
    draft.country && !labels.countryOptions.some((option) => option.value === draft.country)
      ? [{ value: draft.country, label: draft.country }, ...labels.countryOptions]
      : labels.countryOptions;
  const preview: ExpertSummary = {
    userId: me.id,
    name: me.name,
    email: draft.showEmail ? me.email : null,
    organisation: me.organisation,
    headline: draft.headline || "…",
    expertise: [...new Set(draft.expertise.map((word) => word.trim().toLowerCase().replace(/\s+/g, " ")))],
    sectors: draft.sectors,
    themes: draft.themes,
    languages: draft.languages,
    region: draft.region,
    country: draft.country,
    answerCount: profile?.answerCount ?? 0,
  };

  return (
    <Grid gutter="xl">
      <Grid.Col span={{ base: 12, md: 7 }}>
        <Paper withBorder radius="md" p={{ base: "md", sm: "lg" }}>
          <Stack gap="sm">
            <TextInput
              label={t("experts.profile.headline")}
              description={t("experts.profile.headlineHint")}
              value={draft.headline}
              onChange={(event) => set("headline", event.currentTarget.value)}
              error={errors.headline}
              required
            />
            <Textarea
              label={t("experts.profile.bio")}
              description={t("experts.profile.bioHint")}
              value={draft.bio}
              onChange={(event) => set("bio", event.currentTarget.value)}
              error={errors.bio}
              autosize
              minRows={3}
            />
            <TagsInput
              label={t("experts.profile.expertise")}
              description={t("experts.profile.expertiseHint")}
              value={draft.expertise}
              onChange={(value) => set("expertise", value)}
              error={errors.expertise}
              maxTags={20}
            />
            <MultiSelect
              label={t("experts.profile.sectors")}
              data={labels.sectorOptions}
              value={draft.sectors}
              onChange={(value) => set("sectors", value as Draft["sectors"])}
              searchable
            />
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              <MultiSelect
                label={t("experts.profile.phases")}
                data={labels.phaseOptions}
                value={draft.phases}
                onChange={(value) => set("phases", value as Draft["phases"])}
              />
              <MultiSelect
                label={t("experts.profile.threats")}
                data={labels.threatOptions}
                value={draft.threats}
                onChange={(value) => set("threats", value as Draft["threats"])}
              />
            </SimpleGrid>
            <MultiSelect
              label={t("experts.profile.themes")}
              data={labels.themeOptions}
              value={draft.themes}
              onChange={(value) => set("themes", value as Draft["themes"])}
              searchable
            />
            <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
              <MultiSelect
                label={t("experts.profile.languages")}
                data={languageOptions}
                value={draft.languages}
                onChange={(value) => set("languages", value as Draft["languages"])}
              />
              <Select
                label={t("experts.profile.region")}
                data={labels.regionOptions}
                value={draft.region}
                onChange={(value) => set("region", value as Draft["region"])}
                clearable
              />
              <Select
                label={t("experts.profile.country")}
                data={countryOptions}
                value={draft.country}
                onChange={(value) => set("country", value)}
                searchable
                clearable
              />
            </SimpleGrid>
            <Radio.Group
              label={t("experts.visibility.label")}
              value={draft.visibility}
              onChange={(value) => set("visibility", value as Draft["visibility"])}
            >
              <Stack gap={6} mt={6}>
                {(["organisation", "communities", "platform"] as const).map((value) => (
                  <Radio key={value} value={value} label={t(`experts.visibility.${value}`)} />
                ))}
              </Stack>
            </Radio.Group>
            <Checkbox
              label={t("experts.profile.showEmail")}
              checked={draft.showEmail}
              onChange={(event) => set("showEmail", event.currentTarget.checked)}
            />
            <ProblemAlert error={save.error} />
            <Group justify="space-between">
              <Button onClick={() => save.mutate()} loading={save.isPending}>
                {profile ? t("experts.profile.save") : t("experts.profile.create")}
              </Button>
              {profile && (
                <Button
                  variant="subtle"
                  color="red"
                  leftSection={<IconTrash size={16} />}
                  onClick={() => setWithdrawing(true)}
                >
                  {t("experts.profile.withdraw")}
                </Button>
              )}
            </Group>
          </Stack>
        </Paper>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 5 }}>
        <Stack gap="md" pos="sticky" top={80}>
          <Title order={3} size="h5">
            {t("experts.profile.preview")}
          </Title>
          <Audience visibility={draft.visibility} />
          <Text size="xs" c="dimmed">
            {t("experts.profile.previewHint")}
          </Text>
          <ExpertCard expert={preview} link={false} />
          {draft.bio && (
            <Paper withBorder radius="md" p="md">
              <EntryMarkdown>{draft.bio}</EntryMarkdown>
            </Paper>
          )}
        </Stack>
      </Grid.Col>
      <ConfirmDialog
        opened={withdrawing}
        title={t("experts.profile.withdrawTitle")}
        message={t("experts.profile.withdrawText")}
        confirmLabel={t("experts.profile.withdraw")}
        loading={withdraw.isPending}
        error={withdraw.error}
        onConfirm={() => withdraw.mutate()}
        onClose={() => setWithdrawing(false)}
      />
    </Grid>
  );
}

/** Who the chosen visibility reaches, in words and, for communities, how many organisations. */
function Audience({ visibility }: { visibility: Draft["visibility"] }) {
  const { t } = useTranslation();
  const me = useMe();
  const communities = useQuery({
    queryKey: ["communities", "mine"],
    queryFn: () => client.call("listCommunities", { query: { limit: 500 } }),
    enabled: visibility === "communities",
  });
  const others = new Set(
    (communities.data?.items ?? [])
      .filter((community) => community.organisations.some((org) => org.id === me.organisation.id))
      .flatMap((community) => community.organisations.map((org) => org.id))
      .filter((id) => id !== me.organisation.id),
  );
  const organisation = me.organisation.name;
  return (
    <Alert color="blue" variant="light" icon={<IconEye size={18} />} data-testid="profile-audience">
      <Stack gap={4}>
        <Text size="sm">{t(`experts.visibility.${visibility}Hint`, { organisation })}</Text>
        {visibility === "communities" && communities.data && (
          <Text size="sm" fw={600}>
            {others.size > 0
              ? t("experts.visibility.communitiesCount", { count: others.size })
              : t("experts.visibility.noCommunities")}
          </Text>
        )}
      </Stack>
    </Alert>
  );
}
