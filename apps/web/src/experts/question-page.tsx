// One question: its text and tags, then the answers with their replies. The asker (or a compendium
// moderator) accepts an answer, which marks the question answered and shows that answer first.
import type { Post } from "@bulwark/contracts";
import { Anchor, Badge, Button, Group, Loader, Paper, Stack, Text, Title } from "@mantine/core";
import { IconArrowLeft, IconCircleCheck } from "@tabler/icons-react";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { client, queryClient } from "../app/api.ts";
import { useFormat } from "../app/format.ts";
import { ProblemAlert } from "../app/problem-alert.tsx";
import { useCompendiumLabels } from "../compendium/compendium-vocabulary.ts";
import { EntryMarkdown } from "../compendium/entry-markdown.tsx";
import { LoadFailure } from "../compendium/entry-parts.tsx";
import { DiscussionThread, type Send } from "./discussion-thread.tsx";
import { StatusBadge } from "./questions-page.tsx";

export function QuestionPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const labels = useCompendiumLabels();
  const { id = "" } = useParams();
  const key = ["questions", "detail", id];
  const question = useQuery({ queryKey: key, queryFn: () => client.call("getQuestion", { params: { id } }) });
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: ["questions"] });
  };
  const accept = useMutation({
    mutationFn: (postId: string) => client.call("acceptAnswer", { params: { id }, body: { postId } }),
    onSuccess: refresh,
  });
  const send: Send = async (body, parentId) => {
    await client.call("answerQuestion", {
      params: { id },
      body: { body, ...(parentId ? { parentId } : {}) },
    });
    await refresh();
  };
  const data = question.data;
  const acceptedFirst = data
    ? {
        ...data.thread,
        posts: [...data.thread.posts].sort(
          (a, b) => Number(b.id === data.acceptedPostId) - Number(a.id === data.acceptedPostId),
        ),
      }
    : null;
  const extra = (post: Post) => {
    if (!data || post.parentId !== null) return null;
    if (post.id === data.acceptedPostId)
      return (
        <Badge color="teal" leftSection={<IconCircleCheck size={12} />} data-testid="accepted-answer">
          {t("experts.questions.accepted")}
        </Badge>
      );
    if (data.abilities.accept && post.state === "visible")
      return (
        <Button
          size="compact-xs"
          variant="light"
          color="teal"
          ms="auto"
          onClick={() => accept.mutate(post.id)}
          loading={accept.isPending && accept.variables === post.id}
        >
          {t("experts.questions.accept")}
        </Button>
      );
    return null;
  };

  return (
    <Stack gap="md">
      <Anchor component={Link} to="/experts/questions" size="sm" w="fit-content">
        <Group gap={4}>
          <IconArrowLeft size={14} />
          {t("experts.questions.back")}
        </Group>
      </Anchor>
      {question.isPending ? (
        <Loader />
      ) : !data || !acceptedFirst ? (
        <LoadFailure error={question.error} notFound={t("experts.questions.notFound")} />
      ) : (
        <>
          <Stack gap={6} maw={860}>
            <Group gap="xs">
              <StatusBadge question={data} />
              {data.visibility === "communities" && (
                <Badge color="gray" variant="outline" tt="none">
                  {t("experts.questions.communitiesOnly")}
                </Badge>
              )}
            </Group>
            <Title order={2} lh={1.25}>
              {data.title}
            </Title>
            <Text size="sm" c="dimmed">
              {t("experts.questions.askedBy", {
                name: data.asker.name,
                organisation: data.organisation.name,
                date: format.date(data.createdAt),
              })}
            </Text>
          </Stack>
          <Paper withBorder radius="md" p={{ base: "md", sm: "lg" }} maw={860}>
            <EntryMarkdown>{data.body}</EntryMarkdown>
            {(data.sectors.length > 0 || data.themes.length > 0) && (
              <Group gap={4} mt="md">
                {data.sectors.map((sector) => (
                  <Badge key={sector} variant="outline" color="gray" tt="none" size="sm">
                    {labels.value("sector", sector)}
                  </Badge>
                ))}
                {data.themes.map((theme) => (
                  <Badge key={theme} variant="outline" color="teal" tt="none" size="sm">
                    {labels.theme(theme)}
                  </Badge>
                ))}
              </Group>
            )}
          </Paper>
          <ProblemAlert error={accept.error} />
          <Stack gap="sm" maw={860} component="section" aria-labelledby="question-answers">
            <Title order={3} size="h4" id="question-answers">
              {t("experts.questions.answersTitle")}
            </Title>
            <DiscussionThread
              thread={acceptedFirst}
              send={send}
              refresh={refresh}
              writeLabel={t("experts.questions.yourAnswer")}
              submitLabel={t("experts.questions.answer")}
              empty={t("experts.questions.noAnswers")}
              extra={extra}
              highlight={(post) => post.id === data.acceptedPostId}
            />
          </Stack>
        </>
      )}
    </Stack>
  );
}
