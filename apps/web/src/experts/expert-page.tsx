// One expert's profile: card, bio, what they work on, and their answers to questions the reader
// may see. A profile not opened to the reader answers 404, shown as "not shared with you".
import { Anchor, Badge, Button, Grid, Group, Loader, Paper, Stack, Text, Title } from "@mantine/core";
import { IconArrowLeft, IconCircleCheck, IconPencil } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { client } from "../app/api.ts";
import { useFormat } from "../app/format.ts";
import { useCompendiumLabels } from "../compendium/compendium-vocabulary.ts";
import { EntryMarkdown } from "../compendium/entry-markdown.tsx";
import { LoadFailure } from "../compendium/entry-parts.tsx";
import { ExpertCard } from "./expert-card.tsx";

export function ExpertPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const labels = useCompendiumLabels();
  const { userId = "" } = useParams();
  const expert = useQuery({
    queryKey: ["experts", "profile", userId],
    queryFn: () => client.call("getExpert", { params: { userId } }),
  });
  const profile = expert.data;
  return (
    <Stack gap="md">
      <Anchor component={Link} to="/experts" size="sm" w="fit-content">
        <Group gap={4}>
          <IconArrowLeft size={14} />
          {t("experts.profile.back")}
        </Group>
      </Anchor>
      {expert.isPending ? (
        <Loader />
      ) : !profile ? (
        <LoadFailure error={expert.error} notFound={t("experts.profile.notFound")} />
      ) : (
        <Grid gutter="xl">
          <Grid.Col span={{ base: 12, md: 5 }}>
            <Stack gap="md">
              <ExpertCard expert={profile} link={false} heading />
              {(profile.phases.length > 0 || profile.threats.length > 0) && (
                <Group gap={4}>
                  {profile.phases.map((phase) => (
                    <Badge key={phase} variant="light" color="indigo" tt="none" size="sm">
                      {labels.phase(phase)}
                    </Badge>
                  ))}
                  {profile.threats.map((threat) => (
                    <Badge key={threat} variant="light" color="red" tt="none" size="sm">
                      {labels.threat(threat)}
                    </Badge>
                  ))}
                </Group>
              )}
              {profile.abilities.edit && (
                <Button
                  component={Link}
                  to="/experts/me"
                  variant="default"
                  leftSection={<IconPencil size={16} />}
                >
                  {t("experts.profile.edit")}
                </Button>
              )}
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 7 }}>
            <Stack gap="md">
              {profile.bio && (
                <Paper withBorder radius="md" p="lg">
                  <EntryMarkdown>{profile.bio}</EntryMarkdown>
                </Paper>
              )}
              <Title order={3} size="h4">
                {t("experts.profile.answersTitle")}
              </Title>
              {profile.answers.length === 0 ? (
                <Text size="sm" c="dimmed">
                  {t("experts.profile.noAnswers")}
                </Text>
              ) : (
                profile.answers.map((answer) => (
                  <Paper key={answer.postId} withBorder radius="md" p="sm">
                    <Group justify="space-between" wrap="nowrap" gap="sm">
                      <Anchor
                        component={Link}
                        to={`/experts/questions/${answer.question.id}#post-${answer.postId}`}
                        size="sm"
                        fw={600}
                      >
                        {answer.question.title}
                      </Anchor>
                      <Group gap="xs" wrap="nowrap">
                        {answer.accepted && (
                          <Badge color="teal" variant="light" leftSection={<IconCircleCheck size={12} />}>
                            {t("experts.profile.accepted")}
                          </Badge>
                        )}
                        <Text size="xs" c="dimmed">
                          {format.date(answer.createdAt)}
                        </Text>
                      </Group>
                    </Group>
                  </Paper>
                ))
              )}
            </Stack>
          </Grid.Col>
        </Grid>
      )}
    </Stack>
  );
}
