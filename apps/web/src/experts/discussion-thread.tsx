// A discussion thread: posts oldest first, each with its replies (one level), Markdown shown
// without raw HTML. Authors edit or delete their posts (a "removed" mark stays), moderators hide
// posts; what each person may do comes from the server's abilities. Used under compendium entries
// (EntryDiscussion) and on question pages, where top-level posts are the answers.
import type { Post, Thread } from "@bulwark/contracts";
import { Badge, Button, Group, Paper, Stack, Text, Textarea, Title } from "@mantine/core";
import { IconArrowBackUp, IconEyeOff, IconPencil, IconTrash } from "@tabler/icons-react";
import { useMutation, useQuery } from "@tanstack/react-query";
import { type ReactNode, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useLocation } from "react-router";
import { client, queryClient } from "../app/api.ts";
import { ConfirmDialog } from "../app/confirm-dialog.tsx";
import { useFormat } from "../app/format.ts";
import { ProblemAlert } from "../app/problem-alert.tsx";
import { EntryMarkdown } from "../compendium/entry-markdown.tsx";

/** Writes a post; `parentId` makes it a reply. */
export type Send = (body: string, parentId?: string) => Promise<unknown>;

function Composer({
  label,
  submitLabel,
  initial = "",
  onSubmit,
  onCancel,
  testId,
}: {
  label: string;
  submitLabel: string;
  initial?: string;
  onSubmit: (body: string) => Promise<unknown>;
  onCancel?: () => void;
  testId: string;
}) {
  const { t } = useTranslation();
  const [body, setBody] = useState(initial);
  const send = useMutation({
    mutationFn: () => onSubmit(body.trim()),
    onSuccess: () => setBody(""),
  });
  return (
    <Stack gap="xs" data-testid={testId}>
      <Textarea
        label={label}
        value={body}
        onChange={(event) => setBody(event.currentTarget.value)}
        autosize
        minRows={2}
        maxRows={12}
      />
      <ProblemAlert error={send.error} />
      <Group gap="xs">
        <Button size="xs" onClick={() => send.mutate()} loading={send.isPending} disabled={!body.trim()}>
          {submitLabel}
        </Button>
        {onCancel && (
          <Button size="xs" variant="default" onClick={onCancel}>
            {t("experts.thread.cancel")}
          </Button>
        )}
      </Group>
    </Stack>
  );
}

function PostView({
  post,
  replies,
  canPost,
  send,
  refresh,
  extra,
  highlighted,
}: {
  post: Post;
  replies: Post[];
  canPost: boolean;
  send: Send;
  refresh: () => Promise<void>;
  extra?: ((post: Post) => ReactNode) | undefined;
  highlighted?: boolean | undefined;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const [editing, setEditing] = useState(false);
  const [replying, setReplying] = useState(false);
  const [confirm, setConfirm] = useState<"delete" | "hide" | null>(null);
  // A link to this post (from a notification) brings it into view.
  const { hash } = useLocation();
  const target = hash === `#post-${post.id}`;
  const element = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (target) element.current?.scrollIntoView({ block: "center" });
  }, [target]);
  const change = useMutation({
    mutationFn: (what: "delete" | "hide") =>
      what === "delete"
        ? client.call("deletePost", { params: { id: post.id } })
        : client.call("hidePost", { params: { id: post.id } }),
    onSuccess: async () => {
      setConfirm(null);
      await refresh();
    },
  });
  return (
    <Paper
      withBorder
      radius="md"
      p="md"
      component="article"
      ref={element}
      id={`post-${post.id}`}
      data-testid="post"
      data-target={target || undefined}
      data-post-id={post.id}
      bg={highlighted ? "teal.0" : target ? "yellow.0" : undefined}
      style={highlighted ? { borderColor: "var(--mantine-color-teal-5)" } : undefined}
    >
      <Stack gap="xs">
        <Group gap="xs" wrap="wrap">
          <Text size="sm" fw={650}>
            {post.author.name}
          </Text>
          <Text size="xs" c="dimmed">
            {format.dateTime(post.createdAt)}
          </Text>
          {post.editedAt && post.state === "visible" && (
            <Badge size="xs" variant="light" color="gray">
              {t("experts.thread.edited")}
            </Badge>
          )}
          {extra?.(post)}
        </Group>
        {post.state === "visible" ? (
          editing ? (
            <Composer
              label={t("experts.thread.edit")}
              submitLabel={t("experts.thread.save")}
              initial={post.body}
              testId="edit-post"
              onSubmit={async (body) => {
                await client.call("editPost", { params: { id: post.id }, body: { body } });
                setEditing(false);
                await refresh();
              }}
              onCancel={() => setEditing(false)}
            />
          ) : (
            <EntryMarkdown>{post.body}</EntryMarkdown>
          )
        ) : (
          <Text size="sm" c="dimmed" fs="italic">
            {post.state === "removed" ? t("experts.thread.removed") : t("experts.thread.hidden")}
          </Text>
        )}
        {!editing && (
          <Group gap={4}>
            {canPost && post.parentId === null && (
              <Button
                size="compact-xs"
                variant="subtle"
                leftSection={<IconArrowBackUp size={14} />}
                onClick={() => setReplying((open) => !open)}
              >
                {t("experts.thread.reply")}
              </Button>
            )}
            {post.abilities.edit && (
              <>
                <Button
                  size="compact-xs"
                  variant="subtle"
                  color="gray"
                  leftSection={<IconPencil size={14} />}
                  onClick={() => setEditing(true)}
                >
                  {t("experts.thread.edit")}
                </Button>
                <Button
                  size="compact-xs"
                  variant="subtle"
                  color="red"
                  leftSection={<IconTrash size={14} />}
                  onClick={() => setConfirm("delete")}
                >
                  {t("experts.thread.delete")}
                </Button>
              </>
            )}
            {post.abilities.hide && (
              <Button
                size="compact-xs"
                variant="subtle"
                color="orange"
                leftSection={<IconEyeOff size={14} />}
                onClick={() => setConfirm("hide")}
              >
                {t("experts.thread.hide")}
              </Button>
            )}
          </Group>
        )}
        {(replies.length > 0 || replying) && (
          <Stack
            gap="xs"
            ps={{ base: "sm", sm: "xl" }}
            style={{ borderInlineStart: "2px solid var(--mantine-color-gray-3)" }}
          >
            {replies.map((reply) => (
              <PostView
                key={reply.id}
                post={reply}
                replies={[]}
                canPost={canPost}
                send={send}
                refresh={refresh}
              />
            ))}
            {replying && (
              <Composer
                label={t("experts.thread.replyTo", { name: post.author.name })}
                submitLabel={t("experts.thread.send")}
                testId="reply-form"
                onSubmit={async (body) => {
                  await send(body, post.id);
                  setReplying(false);
                }}
                onCancel={() => setReplying(false)}
              />
            )}
          </Stack>
        )}
      </Stack>
      <ConfirmDialog
        opened={confirm !== null}
        title={confirm === "hide" ? t("experts.thread.hideTitle") : t("experts.thread.deleteTitle")}
        message={confirm === "hide" ? t("experts.thread.hideText") : t("experts.thread.deleteText")}
        confirmLabel={confirm === "hide" ? t("experts.thread.hide") : t("experts.thread.delete")}
        loading={change.isPending}
        error={change.error}
        onConfirm={() => confirm && change.mutate(confirm)}
        onClose={() => setConfirm(null)}
      />
    </Paper>
  );
}

export function DiscussionThread({
  thread,
  send,
  refresh,
  writeLabel,
  submitLabel,
  empty,
  extra,
  highlight,
}: {
  thread: Thread;
  send: Send;
  refresh: () => Promise<void>;
  writeLabel: string;
  submitLabel: string;
  empty: string;
  extra?: (post: Post) => ReactNode;
  highlight?: (post: Post) => boolean;
}) {
  const { t } = useTranslation();
  const topLevel = thread.posts.filter((post) => post.parentId === null);
  const repliesTo = (id: string) => thread.posts.filter((post) => post.parentId === id);
  return (
    <Stack gap="sm">
      {topLevel.length === 0 && (
        <Text size="sm" c="dimmed">
          {empty}
        </Text>
      )}
      {topLevel.map((post) => (
        <PostView
          key={post.id}
          post={post}
          replies={repliesTo(post.id)}
          canPost={thread.abilities.post}
          send={send}
          refresh={refresh}
          extra={extra}
          highlighted={highlight?.(post)}
        />
      ))}
      {thread.abilities.post ? (
        <Composer
          label={writeLabel}
          submitLabel={submitLabel}
          onSubmit={(body) => send(body)}
          testId="new-post"
        />
      ) : (
        <Text size="sm" c="dimmed">
          {t("experts.thread.cannotPost")}
        </Text>
      )}
    </Stack>
  );
}

/** The discussion at the bottom of a compendium entry: seen by exactly those who see the entry. */
export function EntryDiscussion({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const key = ["discussion", "entry", slug];
  const thread = useQuery({
    queryKey: key,
    queryFn: () => client.call("getEntryDiscussion", { params: { slug } }),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: key });
  const send: Send = async (body, parentId) => {
    await client.call("postOnEntry", { params: { slug }, body: { body, ...(parentId ? { parentId } : {}) } });
    await refresh();
  };
  return (
    <Stack
      gap="sm"
      component="section"
      aria-labelledby="entry-discussion"
      mt="xl"
      data-testid="entry-discussion"
    >
      <Title order={3} size="h4" id="entry-discussion">
        {t("experts.thread.title")}
        {thread.data && thread.data.posts.length > 0 && (
          <Badge ms="xs" variant="light" color="gray" size="sm">
            {thread.data.posts.filter((post) => post.state === "visible").length}
          </Badge>
        )}
      </Title>
      {thread.data ? (
        <DiscussionThread
          thread={thread.data}
          send={send}
          refresh={refresh}
          writeLabel={t("experts.thread.write")}
          submitLabel={t("experts.thread.post")}
          empty={t("experts.thread.empty")}
        />
      ) : (
        <ProblemAlert error={thread.error} />
      )}
    </Stack>
  );
}
