// One question of a run: the answer control, guidance, notes, evidence links, assignee and
// comments. Changes save as you go (a short pause after typing): each save sends the version the
// card holds, and a 409 says someone else saved in between; the card then offers their version.
// Without a network, changes are kept in this browser (offline-answers.ts) and sent later.
import type { Answer, AnswerValue, Comment, Framework, Run } from "@bulwark/contracts";
import { ApiError } from "@bulwark/contracts";
import {
  ActionIcon,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  NumberInput,
  Radio,
  SegmentedControl,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
} from "@mantine/core";
import { IconAlertTriangle, IconCheck, IconCloudUpload, IconLink, IconTrash } from "@tabler/icons-react";
import { useMutation } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { client } from "../app/api.ts";
import { useFormat } from "../app/format.ts";
import { ProblemAlert } from "../app/problem-alert.tsx";
import { isNetworkError } from "../offline/offline-hooks.ts";
import { forgetPending, keepOffline, type PendingAnswer } from "./offline-answers.ts";

type Question = Framework["sections"][number]["questions"][number];
type Evidence = Answer["evidence"][number];
type Patch = {
  value?: AnswerValue | null;
  note?: string | null;
  evidence?: Evidence[];
  assigneeId?: string | null;
};
export type SaveState =
  | "idle"
  | "pending"
  | "saving"
  | "saved"
  | "error"
  | "conflict"
  | "offline"
  | "offlineConflict";

const TYPING_PAUSE_MS = 700;

export function QuestionCard({
  userId,
  runId,
  question,
  answer,
  offline,
  comments,
  colleagues,
  editable,
  onSaved,
  onReload,
  onBusy,
}: {
  userId: string;
  runId: string;
  question: Question;
  answer: Answer | undefined;
  /** Changes kept in this browser, not yet accepted by the server. */
  offline: PendingAnswer | undefined;
  comments: Comment[];
  colleagues: Run["colleagues"];
  editable: boolean;
  onSaved: (answer: Answer) => void;
  onReload: () => void;
  /** Told whether changes of this card are still on their way (submission waits for them). */
  onBusy: (questionId: string, busy: boolean) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  // What is shown: the server's answer with the changes kept offline laid over it.
  const shown = { ...answer, ...offline?.patch };
  const [value, setValue] = useState<AnswerValue | null>(shown.value ?? null);
  const [note, setNote] = useState(shown.note ?? "");
  const [evidence, setEvidence] = useState<Evidence[]>(shown.evidence ?? []);
  const [assigneeId, setAssigneeId] = useState<string | null>(
    offline?.patch.assigneeId !== undefined ? offline.patch.assigneeId : (answer?.assignee?.id ?? null),
  );
  const serverVersion = answer?.version ?? 0;
  const [state, setState] = useState<SaveState>(
    !offline ? "idle" : offline.baseVersion === serverVersion ? "offline" : "offlineConflict",
  );
  const kept = useRef<PendingAnswer | undefined>(offline);
  const version = useRef(offline ? offline.baseVersion : serverVersion);
  const pending = useRef<Patch>({});
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const saving = useRef(false);

  /** Send what waits; `force` sends the changes kept offline even when nothing new waits. */
  const flush = async (force = false) => {
    if (saving.current) {
      timer.current = setTimeout(() => flush(force), 200);
      return;
    }
    const patch = pending.current;
    if (Object.keys(patch).length === 0 && !(force && kept.current)) return;
    pending.current = {};
    saving.current = true;
    const keepHere = async () => {
      kept.current = await keepOffline({
        userId,
        runId,
        questionId: question.id,
        baseVersion: version.current,
        patch,
      });
      setState("offline");
    };
    try {
      if (!navigator.onLine) {
        await keepHere();
        return;
      }
      setState("saving");
      // Changes kept offline go with this save, on the version they were made on.
      const saved = await client.call("updateAnswer", {
        params: { id: runId, questionId: question.id },
        body: { version: version.current, ...kept.current?.patch, ...patch },
      });
      version.current = saved.version;
      if (kept.current) {
        await forgetPending(kept.current.key);
        kept.current = undefined;
      }
      setState(Object.keys(pending.current).length > 0 ? "pending" : "saved");
      onSaved(saved);
    } catch (error) {
      if (isNetworkError(error)) await keepHere();
      else if (error instanceof ApiError && error.status === 409)
        setState(kept.current ? "offlineConflict" : "conflict");
      else {
        setState("error");
        pending.current = { ...patch, ...pending.current };
      }
    } finally {
      saving.current = false;
    }
  };

  const queue = (patch: Patch, delay = 0) => {
    if (state === "conflict" || state === "offlineConflict") return;
    pending.current = { ...pending.current, ...patch };
    setState("pending");
    clearTimeout(timer.current);
    timer.current = setTimeout(() => flush(), delay);
  };

  const busy = state === "pending" || state === "saving";
  useEffect(() => onBusy(question.id, busy), [busy, onBusy, question.id]);
  useEffect(() => () => onBusy(question.id, false), [onBusy, question.id]);

  // Leaving the page saves what is still waiting (the latest flush, through a ref).
  const flushRef = useRef(flush);
  flushRef.current = flush;
  useEffect(
    () => () => {
      clearTimeout(timer.current);
      void flushRef.current();
    },
    [],
  );

  const comment = useMutation({
    mutationFn: (body: string) =>
      client.call("addRunComment", { params: { id: runId, questionId: question.id }, body: { body } }),
    onSuccess: () => {
      setDraftComment("");
      onReload();
    },
  });
  const [draftComment, setDraftComment] = useState("");
  const [linkTitle, setLinkTitle] = useState("");
  const [linkUrl, setLinkUrl] = useState("");
  const linkValid = linkTitle.trim() !== "" && /^https?:\/\/\S+$/i.test(linkUrl.trim());

  const setAnswer = (next: AnswerValue | null, delay = 0) => {
    setValue(next);
    queue({ value: next }, delay);
  };

  return (
    <Card withBorder radius="md" padding="md" id={`question-${question.id}`} data-question={question.id}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Text fw={600}>{question.text}</Text>
          <SaveIndicator state={state} />
        </Group>
        <Group gap="xs">
          <Badge variant="outline" color="gray" tt="none">
            {t(`selfAssessment.answerTypes.${question.answer.type}`)}
          </Badge>
          <Badge variant="outline" color="gray" tt="none">
            {t("selfAssessment.weight", { weight: question.weight })}
          </Badge>
        </Group>
        <Text size="sm" c="dimmed">
          {question.guidance}
        </Text>
        {state === "offlineConflict" && (
          <Group gap="xs">
            <Text size="sm" c="orange.8">
              {t("selfAssessment.offlineConflict")}
            </Text>
            <Button
              size="xs"
              variant="light"
              onClick={() => {
                // Send what was kept offline on top of the newer answer.
                version.current = serverVersion;
                setState("pending");
                clearTimeout(timer.current);
                void flush(true);
              }}
            >
              {t("selfAssessment.keepMine")}
            </Button>
            <Button
              size="xs"
              variant="subtle"
              onClick={async () => {
                if (kept.current) await forgetPending(kept.current.key);
                onReload();
              }}
            >
              {t("selfAssessment.useTheirs")}
            </Button>
          </Group>
        )}
        {state === "conflict" && (
          <Button
            variant="light"
            color="orange"
            size="xs"
            leftSection={<IconAlertTriangle size={14} />}
            onClick={onReload}
            w="fit-content"
          >
            {t("selfAssessment.reload")}
          </Button>
        )}
        <AnswerControl question={question} value={value} disabled={!editable} onChange={setAnswer} />
        <Textarea
          label={t("selfAssessment.note")}
          placeholder={t("selfAssessment.notePlaceholder")}
          autosize
          minRows={1}
          value={note}
          disabled={!editable}
          onChange={(event) => {
            setNote(event.currentTarget.value);
            queue({ note: event.currentTarget.value.trim() || null }, TYPING_PAUSE_MS);
          }}
        />
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            {t("selfAssessment.evidence")}
          </Text>
          {evidence.length === 0 && (
            <Text size="xs" c="dimmed">
              {t("selfAssessment.noEvidence")}
            </Text>
          )}
          {evidence.map((item, index) => (
            <Group key={`${item.url} ${item.title}`} gap="xs" wrap="nowrap">
              <IconLink size={14} />
              <Anchor href={item.url} target="_blank" rel="noreferrer noopener" size="sm">
                {item.title}
              </Anchor>
              {editable && (
                <ActionIcon
                  variant="subtle"
                  color="red"
                  size="sm"
                  aria-label={t("selfAssessment.removeEvidence", { title: item.title })}
                  onClick={() => {
                    const next = evidence.filter((_, position) => position !== index);
                    setEvidence(next);
                    queue({ evidence: next });
                  }}
                >
                  <IconTrash size={14} />
                </ActionIcon>
              )}
            </Group>
          ))}
          {editable && (
            <Group gap="xs" align="flex-end" wrap="wrap">
              <TextInput
                size="xs"
                label={t("selfAssessment.evidenceTitle")}
                value={linkTitle}
                onChange={(event) => setLinkTitle(event.currentTarget.value)}
              />
              <TextInput
                size="xs"
                label={t("selfAssessment.evidenceUrl")}
                value={linkUrl}
                onChange={(event) => setLinkUrl(event.currentTarget.value)}
                style={{ flex: 1, minWidth: 180 }}
              />
              <Button
                size="xs"
                variant="light"
                disabled={!linkValid}
                onClick={() => {
                  const next = [...evidence, { title: linkTitle.trim(), url: linkUrl.trim() }];
                  setEvidence(next);
                  setLinkTitle("");
                  setLinkUrl("");
                  queue({ evidence: next });
                }}
              >
                {t("selfAssessment.addEvidence")}
              </Button>
            </Group>
          )}
        </Stack>
        <Select
          label={t("selfAssessment.assignee")}
          placeholder={t("selfAssessment.unassigned")}
          data={colleagues.map((person) => ({ value: person.id, label: person.name }))}
          value={assigneeId}
          clearable
          disabled={!editable}
          maw={320}
          onChange={(next) => {
            setAssigneeId(next);
            queue({ assigneeId: next });
          }}
        />
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            {t("selfAssessment.comments")}
          </Text>
          {comments.length === 0 && (
            <Text size="xs" c="dimmed">
              {t("selfAssessment.noComments")}
            </Text>
          )}
          {comments.map((item) => (
            <Text key={item.id} size="sm">
              <Text span fw={600} size="sm">
                {item.author?.name ?? "—"}
              </Text>{" "}
              <Text span c="dimmed" size="xs">
                {format.dateTime(item.createdAt)}
              </Text>
              <br />
              {item.body}
            </Text>
          ))}
          <ProblemAlert error={comment.error} />
          {editable && (
            <Group gap="xs" align="flex-end" wrap="nowrap">
              <Textarea
                size="xs"
                autosize
                minRows={1}
                placeholder={t("selfAssessment.commentPlaceholder")}
                aria-label={t("selfAssessment.comments")}
                value={draftComment}
                onChange={(event) => setDraftComment(event.currentTarget.value)}
                style={{ flex: 1 }}
              />
              <Button
                size="xs"
                variant="light"
                disabled={draftComment.trim() === ""}
                loading={comment.isPending}
                onClick={() => comment.mutate(draftComment.trim())}
              >
                {t("selfAssessment.addComment")}
              </Button>
            </Group>
          )}
        </Stack>
      </Stack>
    </Card>
  );
}

function SaveIndicator({ state }: { state: SaveState }) {
  const { t } = useTranslation();
  if (state === "idle") return null;
  const colour = {
    pending: "gray",
    saving: "blue",
    saved: "teal",
    error: "red",
    conflict: "orange",
    offline: "grape",
    offlineConflict: "orange",
  }[state];
  const icon =
    state === "saved" ? (
      <IconCheck size={12} />
    ) : state === "saving" || state === "pending" ? (
      <IconCloudUpload size={12} />
    ) : (
      <IconAlertTriangle size={12} />
    );
  return (
    <Badge
      color={colour}
      variant="light"
      leftSection={icon}
      tt="none"
      miw="max-content"
      role="status"
      data-save-state={state}
    >
      {t(`selfAssessment.save.${state}`)}
    </Badge>
  );
}

function AnswerControl({
  question,
  value,
  disabled,
  onChange,
}: {
  question: Question;
  value: AnswerValue | null;
  disabled: boolean;
  onChange: (value: AnswerValue | null, delay?: number) => void;
}) {
  const { t } = useTranslation();
  const spec = question.answer;
  switch (spec.type) {
    case "maturity":
      return (
        <Radio.Group
          label={t("selfAssessment.answerLabel")}
          value={value?.type === "maturity" ? String(value.level) : null}
          onChange={(level) => onChange({ type: "maturity", level: Number(level) })}
        >
          <Stack gap={6} mt={4}>
            {spec.levels.map((description, level) => (
              <Radio
                key={description}
                value={String(level)}
                disabled={disabled}
                label={
                  <Text size="sm">
                    <Text span fw={700}>
                      {level}
                    </Text>{" "}
                    – {description}
                  </Text>
                }
              />
            ))}
          </Stack>
        </Radio.Group>
      );
    case "choice":
      return (
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            {t("selfAssessment.answerLabel")}
          </Text>
          <SegmentedControl
            w="fit-content"
            disabled={disabled}
            value={value?.type === "choice" ? value.choice : ""}
            onChange={(choice) => onChange({ type: "choice", choice: choice as "yes" | "partial" | "no" })}
            data={(["yes", "partial", "no"] as const).map((choice) => ({
              value: choice,
              label: t(`selfAssessment.choices.${choice}`),
            }))}
          />
        </Stack>
      );
    case "number":
      return (
        <NumberInput
          label={t("selfAssessment.answerLabel")}
          description={t("selfAssessment.target", { target: spec.target, unit: spec.unit ?? "" })}
          min={0}
          maw={220}
          disabled={disabled}
          value={value?.type === "number" ? value.value : ""}
          onChange={(next) =>
            onChange(typeof next === "number" ? { type: "number", value: next } : null, TYPING_PAUSE_MS)
          }
        />
      );
    case "text":
      return (
        <Textarea
          label={t("selfAssessment.answerLabel")}
          autosize
          minRows={2}
          disabled={disabled}
          value={value?.type === "text" ? value.text : ""}
          onChange={(event) => {
            const text = event.currentTarget.value;
            onChange(text.trim() ? { type: "text", text } : null, TYPING_PAUSE_MS);
          }}
        />
      );
  }
}
