// Questions to the expert network: unanswered first, with words, status, sector and theme filters,
// and the form to ask one (to the whole platform or only one's communities).
import type { QuestionCreate, QuestionQuery, QuestionSummary } from "@bulwark/contracts";
import {
  Anchor,
  Badge,
  Button,
  Group,
  Loader,
  Modal,
  MultiSelect,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
} from "@mantine/core";
import { useDebouncedValue, useDisclosure } from "@mantine/hooks";
import { IconLock, IconMessageCircle, IconPlus, IconSchool, IconSearch } from "@tabler/icons-react";
import { keepPreviousData, useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { client, fieldErrorsOf, queryClient } from "../app/api.ts";
import { useFormat } from "../app/format.ts";
import { EmptyState, PageControls, PageHeader } from "../app/page-parts.tsx";
import { ProblemAlert } from "../app/problem-alert.tsx";
import { useCompendiumLabels } from "../compendium/compendium-vocabulary.ts";

const PAGE_SIZE = 30;

export function StatusBadge({ question }: { question: Pick<QuestionSummary, "status" | "answerCount"> }) {
  const { t } = useTranslation();
  if (question.status === "answered")
    return (
      <Badge color="teal" variant="light">
        {t("experts.questions.answered")}
      </Badge>
    );
  return question.answerCount === 0 ? (
    <Badge color="orange" variant="light">
      {t("experts.questions.unanswered")}
    </Badge>
  ) : (
    <Badge color="blue" variant="light">
      {t("experts.questions.open")}
    </Badge>
  );
}

function QuestionRow({ question }: { question: QuestionSummary }) {
  const { t } = useTranslation();
  const format = useFormat();
  const labels = useCompendiumLabels();
  return (
    <Paper component="article" withBorder radius="md" p="md" data-testid="question">
      <Stack gap={6}>
        <Group gap="xs">
          <StatusBadge question={question} />
          {question.visibility === "communities" && (
            <Badge color="gray" variant="outline" leftSection={<IconLock size={11} />} tt="none">
              {t("experts.questions.communitiesOnly")}
            </Badge>
          )}
          <Group gap={4} c="dimmed" ms="auto">
            <IconMessageCircle size={14} />
            <Text size="xs">{t("experts.questions.answers", { count: question.answerCount })}</Text>
          </Group>
        </Group>
        <Anchor
          component={Link}
          to={`/experts/questions/${question.id}`}
          fw={650}
          size="lg"
          lh={1.3}
          c="bulwark.9"
        >
          {question.title}
        </Anchor>
        <Text size="xs" c="dimmed">
          {t("experts.questions.askedBy", {
            name: question.asker.name,
            organisation: question.organisation.name,
            date: format.date(question.createdAt),
          })}
        </Text>
        {(question.sectors.length > 0 || question.themes.length > 0) && (
          <Group gap={4}>
            {question.sectors.map((sector) => (
              <Badge key={sector} variant="outline" color="gray" tt="none" size="xs">
                {labels.value("sector", sector)}
              </Badge>
            ))}
            {question.themes.map((theme) => (
              <Badge key={theme} variant="outline" color="teal" tt="none" size="xs">
                {labels.theme(theme)}
              </Badge>
            ))}
          </Group>
        )}
      </Stack>
    </Paper>
  );
}

export function QuestionsPage() {
  const { t } = useTranslation();
  const labels = useCompendiumLabels();
  const [asking, { open, close }] = useDisclosure(false);
  const [words, setWords] = useState("");
  const [q] = useDebouncedValue(words.trim(), 250);
  const [status, setStatus] = useState<"all" | "open" | "answered">("all");
  const [sector, setSector] = useState<string | null>(null);
  const [theme, setTheme] = useState<string | null>(null);
  const [page, setPage] = useState(1);
  const query = {
    ...(q ? { q } : {}),
    ...(status !== "all" ? { status } : {}),
    ...(sector ? { sector } : {}),
    ...(theme ? { theme } : {}),
    limit: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
  } as QuestionQuery;
  const questions = useQuery({
    queryKey: ["questions", "list", query],
    queryFn: () => client.call("listQuestions", { query }),
    placeholderData: keepPreviousData,
  });
  const filtered = Boolean(q || sector || theme || status !== "all");
  return (
    <Stack gap="md">
      <PageHeader
        title={t("experts.questions.title")}
        subtitle={t("experts.questions.subtitle")}
        actions={
          <>
            <Button component={Link} to="/experts" variant="default" leftSection={<IconSchool size={16} />}>
              {t("experts.navExperts")}
            </Button>
            <Button leftSection={<IconPlus size={16} />} onClick={open}>
              {t("experts.questions.ask")}
            </Button>
          </>
        }
      />
      <Group gap="sm" align="flex-end" wrap="wrap">
        <TextInput
          leftSection={<IconSearch size={16} />}
          placeholder={t("experts.questions.search")}
          aria-label={t("experts.questions.search")}
          value={words}
          onChange={(event) => {
            setWords(event.currentTarget.value);
            setPage(1);
          }}
          style={{ flex: 1, minWidth: 220 }}
        />
        <SegmentedControl
          value={status}
          onChange={(value) => {
            setStatus(value as typeof status);
            setPage(1);
          }}
          aria-label={t("experts.questions.status")}
          data={[
            { value: "all", label: t("experts.questions.all") },
            { value: "open", label: t("experts.questions.open") },
            { value: "answered", label: t("experts.questions.answered") },
          ]}
        />
        <Select
          placeholder={t("experts.questions.sectors")}
          aria-label={t("experts.questions.sectors")}
          data={labels.sectorOptions}
          value={sector}
          onChange={setSector}
          clearable
          searchable
          w={200}
        />
        <Select
          placeholder={t("experts.questions.themes")}
          aria-label={t("experts.questions.themes")}
          data={labels.themeOptions}
          value={theme}
          onChange={setTheme}
          clearable
          searchable
          w={200}
        />
      </Group>
      <ProblemAlert error={questions.error} />
      {questions.isPending && <Loader />}
      {questions.data &&
        (questions.data.items.length === 0 ? (
          <EmptyState>{filtered ? t("experts.questions.empty") : t("experts.questions.none")}</EmptyState>
        ) : (
          <Stack gap="sm">
            {questions.data.items.map((question) => (
              <QuestionRow key={question.id} question={question} />
            ))}
          </Stack>
        ))}
      {questions.data && (
        <PageControls page={page} pageSize={PAGE_SIZE} total={questions.data.total} onChange={setPage} />
      )}
      <Modal opened={asking} onClose={close} title={t("experts.questions.ask")} size="lg">
        <AskForm onDone={close} />
      </Modal>
    </Stack>
  );
}

function AskForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const labels = useCompendiumLabels();
  const navigate = useNavigate();
  const [draft, setDraft] = useState<Required<QuestionCreate>>({
    title: "",
    body: "",
    sectors: [],
    themes: [],
    visibility: "platform",
  });
  const ask = useMutation({
    mutationFn: () => client.call("askQuestion", { body: draft }),
    onSuccess: async (question) => {
      await queryClient.invalidateQueries({ queryKey: ["questions"] });
      onDone();
      await navigate(`/experts/questions/${question.id}`);
    },
  });
  const errors = fieldErrorsOf(ask.error);
  return (
    <Stack gap="sm">
      <TextInput
        label={t("experts.questions.formTitle")}
        description={t("experts.questions.formTitleHint")}
        value={draft.title}
        onChange={(event) => setDraft({ ...draft, title: event.currentTarget.value })}
        error={errors.title}
        required
      />
      <Textarea
        label={t("experts.questions.formBody")}
        description={t("experts.questions.formBodyHint")}
        value={draft.body}
        onChange={(event) => setDraft({ ...draft, body: event.currentTarget.value })}
        error={errors.body}
        autosize
        minRows={4}
        required
      />
      <MultiSelect
        label={t("experts.questions.sectors")}
        data={labels.sectorOptions}
        value={draft.sectors}
        onChange={(value) => setDraft({ ...draft, sectors: value as typeof draft.sectors })}
        searchable
      />
      <MultiSelect
        label={t("experts.questions.themes")}
        data={labels.themeOptions}
        value={draft.themes}
        onChange={(value) => setDraft({ ...draft, themes: value as typeof draft.themes })}
        searchable
      />
      <Stack gap={4}>
        <Text size="sm" fw={500}>
          {t("experts.questions.audience")}
        </Text>
        <SegmentedControl
          value={draft.visibility}
          onChange={(value) => setDraft({ ...draft, visibility: value as typeof draft.visibility })}
          data={[
            { value: "platform", label: t("experts.questions.audiencePlatform") },
            { value: "communities", label: t("experts.questions.audienceCommunities") },
          ]}
          aria-label={t("experts.questions.audience")}
        />
      </Stack>
      <ProblemAlert error={ask.error} />
      <Group justify="flex-end">
        <Button variant="default" onClick={onDone}>
          {t("experts.questions.cancel")}
        </Button>
        <Button onClick={() => ask.mutate()} loading={ask.isPending}>
          {t("experts.questions.submit")}
        </Button>
      </Group>
    </Stack>
  );
}
