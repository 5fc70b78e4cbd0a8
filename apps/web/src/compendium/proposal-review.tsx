// A proposal's review: the thread of comments and decisions, and the box to add one. Anyone of
// the proposing organisation and the moderators comment while it is open; moderators also request
// changes (a comment required), approve, which publishes, or reject (after a confirmation).
import type { Proposal } from "@bulwark/contracts";
import { Button, Group, Paper, Stack, Text, Textarea, Timeline, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconArrowBackUp, IconCheck, IconMessage, IconX } from "@tabler/icons-react";
import { useMutation } from "@tanstack/react-query";
import { type ReactNode, useState } from "react";
import { Trans, useTranslation } from "react-i18next";
import { client, queryClient } from "../app/api.ts";
import { ConfirmDialog } from "../app/confirm-dialog.tsx";
import { useFormat } from "../app/format.ts";
import { ProblemAlert } from "../app/problem-alert.tsx";
import { proposalErrorsOf } from "./proposal-draft.ts";

type Action = Proposal["reviews"][number]["action"];

const ACTION_ICONS: Record<Action, ReactNode> = {
  comment: <IconMessage size={14} />,
  "request-changes": <IconArrowBackUp size={14} />,
  approve: <IconCheck size={14} />,
  reject: <IconX size={14} />,
  withdraw: <IconArrowBackUp size={14} />,
};
const ACTION_COLOURS: Record<Action, string> = {
  comment: "gray",
  "request-changes": "yellow",
  approve: "teal",
  reject: "red",
  withdraw: "gray",
};

export function Reviews({ proposal }: { proposal: Proposal }) {
  const { t } = useTranslation();
  const format = useFormat();
  const open = proposal.state === "open" || proposal.state === "changes-requested";
  return (
    <Stack gap="md" component="section" aria-labelledby="proposal-reviews">
      <Title order={3} size="h4" id="proposal-reviews">
        {t("compendium.proposal.reviews")}
      </Title>
      {proposal.reviews.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t("compendium.proposal.noReviews")}
        </Text>
      ) : (
        <Timeline bulletSize={26} lineWidth={2}>
          {proposal.reviews.map((review) => (
            <Timeline.Item
              key={review.id}
              bullet={ACTION_ICONS[review.action]}
              color={ACTION_COLOURS[review.action]}
              title={
                <Text size="sm">
                  <Trans
                    i18nKey={`compendium.proposal.actions.${review.action}`}
                    values={{ name: review.author.name }}
                    components={[<Text key="name" span fw={600} />]}
                  />
                </Text>
              }
            >
              <Text size="xs" c="dimmed">
                {format.dateTime(review.createdAt)}
              </Text>
              {review.comment && (
                <Paper withBorder radius="md" p="sm" mt={6} maw={760}>
                  <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
                    {review.comment}
                  </Text>
                </Paper>
              )}
            </Timeline.Item>
          ))}
        </Timeline>
      )}
      {open ? (
        <ReviewBox proposal={proposal} />
      ) : (
        <Text size="sm" c="dimmed">
          {t("compendium.proposal.closed")}
        </Text>
      )}
    </Stack>
  );
}

function ReviewBox({ proposal }: { proposal: Proposal }) {
  const { t } = useTranslation();
  const [comment, setComment] = useState("");
  const [missing, setMissing] = useState<string | null>(null);
  const [rejecting, setRejecting] = useState(false);
  const review = useMutation({
    mutationFn: (action: Action) =>
      client.call("reviewProposal", {
        params: { id: proposal.id },
        body: { action, comment: comment.trim() },
      }),
    onSuccess: (updated, action) => {
      queryClient.setQueryData(["compendium", "proposal", proposal.id], updated);
      void queryClient.invalidateQueries({ queryKey: ["compendium", "proposals"] });
      // Publishing changes the entry, its versions and the search.
      if (action === "approve") void queryClient.invalidateQueries({ queryKey: ["compendium"] });
      notifications.show({ color: "teal", message: t(`compendium.proposal.done.${action}`) });
      setComment("");
      setRejecting(false);
    },
  });
  const act = (action: Action) => {
    const needsText = action === "comment" || action === "request-changes";
    if (needsText && comment.trim() === "") {
      setMissing(
        action === "comment"
          ? t("compendium.proposal.commentEmpty")
          : t("compendium.proposal.commentRequired"),
      );
      return;
    }
    setMissing(null);
    if (action === "reject") setRejecting(true);
    else review.mutate(action);
  };
  const error = missing ?? proposalErrorsOf(review.error).comment;

  return (
    <Paper withBorder radius="md" p="md">
      <Stack gap="sm">
        <Textarea
          label={t("compendium.proposal.comment")}
          placeholder={t("compendium.proposal.commentPlaceholder")}
          value={comment}
          onChange={(event) => {
            setComment(event.currentTarget.value);
            setMissing(null);
          }}
          error={error}
          autosize
          minRows={3}
          maxRows={12}
        />
        {!rejecting && <ProblemAlert error={review.error} fields={["comment"]} />}
        <Group justify="flex-end" gap="sm">
          <Button
            variant="default"
            leftSection={<IconMessage size={16} />}
            onClick={() => act("comment")}
            loading={review.isPending && review.variables === "comment"}
          >
            {t("compendium.proposal.send")}
          </Button>
          {proposal.abilities.review && (
            <>
              <Button
                variant="light"
                color="red"
                leftSection={<IconX size={16} />}
                onClick={() => act("reject")}
              >
                {t("compendium.proposal.reject")}
              </Button>
              <Button
                variant="light"
                color="yellow"
                leftSection={<IconArrowBackUp size={16} />}
                onClick={() => act("request-changes")}
                loading={review.isPending && review.variables === "request-changes"}
              >
                {t("compendium.proposal.requestChanges")}
              </Button>
              <Button
                color="teal"
                leftSection={<IconCheck size={16} />}
                onClick={() => act("approve")}
                loading={review.isPending && review.variables === "approve"}
              >
                {t("compendium.proposal.approve")}
              </Button>
            </>
          )}
        </Group>
      </Stack>
      <ConfirmDialog
        opened={rejecting}
        title={t("compendium.proposal.rejectTitle")}
        message={t("compendium.proposal.rejectText", { title: proposal.title })}
        confirmLabel={t("compendium.proposal.reject")}
        loading={review.isPending}
        error={review.error}
        onConfirm={() => review.mutate("reject")}
        onClose={() => {
          setRejecting(false);
          review.reset();
        }}
      />
    </Paper>
  );
}

/** The author's own way out: withdraws an open proposal (after a confirmation); its history stays. */
export function WithdrawButton({ proposal }: { proposal: Proposal }) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const withdraw = useMutation({
    mutationFn: () =>
      client.call("reviewProposal", {
        params: { id: proposal.id },
        body: { action: "withdraw", comment: "" },
      }),
    onSuccess: (updated) => {
      queryClient.setQueryData(["compendium", "proposal", proposal.id], updated);
      void queryClient.invalidateQueries({ queryKey: ["compendium", "proposals"] });
      notifications.show({ color: "teal", message: t("compendium.proposal.done.withdraw") });
      setConfirming(false);
    },
  });
  return (
    <>
      <Button
        variant="default"
        color="red"
        leftSection={<IconX size={16} />}
        onClick={() => setConfirming(true)}
      >
        {t("compendium.proposal.withdraw")}
      </Button>
      <ConfirmDialog
        opened={confirming}
        title={t("compendium.proposal.withdrawTitle")}
        message={t("compendium.proposal.withdrawText", { title: proposal.title })}
        confirmLabel={t("compendium.proposal.withdraw")}
        loading={withdraw.isPending}
        error={withdraw.error}
        onConfirm={() => withdraw.mutate()}
        onClose={() => {
          setConfirming(false);
          withdraw.reset();
        }}
      />
    </>
  );
}
