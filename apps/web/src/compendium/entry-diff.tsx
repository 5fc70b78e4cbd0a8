// What changed between two versions of an entry (or a proposal and its base): the fields as
// before/after, and the body line by line, added lines green, removed lines red, long runs of
// unchanged lines folded.
import type { EntryDiff } from "@bulwark/contracts";
import { ENTRY_TYPES, TLP_MARKINGS, TOOL_KINDS } from "@bulwark/core";
import { Box, Paper, Stack, Table, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { isOneOf } from "../app/vocabulary.ts";
import { TAG_FACETS, useCompendiumLabels } from "./compendium-vocabulary.ts";

const FIELDS = [
  "title",
  "type",
  "toolKind",
  "summary",
  "language",
  "phases",
  "sectors",
  "threats",
  "themes",
  "regions",
  "countries",
  "languages",
  "marking",
  "source.citation",
  "source.url",
  "source.publisher",
  "source.year",
  "source.licence",
] as const;

/** Unchanged lines kept around each change, for context. */
const CONTEXT = 2;

/** A field's value in the reader's words: each value of a tag list on its own, with its label. */
function useFieldValues() {
  const { t } = useTranslation();
  const labels = useCompendiumLabels();
  return (field: string, text: string): { value: string; label: string }[] => {
    if (text === "") return [];
    const tag = TAG_FACETS.find(([name]) => name === field);
    if (tag) return text.split(", ").map((value) => ({ value, label: labels.value(tag[1], value) }));
    const one = (label: string) => [{ value: text, label }];
    if (field === "type" && isOneOf(ENTRY_TYPES, text)) return one(labels.type(text));
    if (field === "toolKind" && isOneOf(TOOL_KINDS, text)) return one(labels.toolKind(text));
    if (field === "marking" && isOneOf(TLP_MARKINGS, text)) return one(t(`markings.${text}`));
    if (field === "language") return one(labels.language(text));
    return one(text);
  };
}

/**
 * One side of a changed field. In a tag list only the values removed (before) or added (after)
 * are marked; other fields are marked whole.
 */
function FieldSide({
  values,
  other,
  side,
}: {
  values: { value: string; label: string }[];
  other: { value: string; label: string }[];
  side: "before" | "after";
}) {
  const { t } = useTranslation();
  if (values.length === 0)
    return (
      <Text span size="sm" c="dimmed" fs="italic">
        {t("compendium.diff.empty")}
      </Text>
    );
  const list = values.length > 1 || other.length > 1;
  return values.map(({ value, label }, index) => {
    const changed = !list || !other.some((item) => item.value === value);
    const text = `${label}${index < values.length - 1 ? ", " : ""}`;
    if (!changed) return <span key={value}>{text}</span>;
    return side === "before" ? (
      <del key={value} style={{ textDecorationColor: "var(--mantine-color-red-6)" }}>
        {text}
      </del>
    ) : (
      <ins key={value} style={{ textDecoration: "none", fontWeight: list ? 600 : undefined }}>
        {text}
      </ins>
    );
  });
}

export function DiffView({ diff }: { diff: EntryDiff }) {
  const { t } = useTranslation();
  const fieldValues = useFieldValues();
  const bodyChanged = diff.body.some((line) => line.op !== "same");
  if (diff.fields.length === 0 && !bodyChanged)
    return <Text c="dimmed">{t("compendium.diff.noChanges")}</Text>;
  return (
    <Stack gap="md">
      {diff.fields.length > 0 && (
        <Table.ScrollContainer minWidth={560}>
          <Table withTableBorder verticalSpacing="xs" layout="fixed" aria-label={t("compendium.diff.fields")}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={170}>{t("compendium.diff.field")}</Table.Th>
                <Table.Th>{t("compendium.diff.before")}</Table.Th>
                <Table.Th>{t("compendium.diff.after")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {diff.fields.map((change) => (
                <Table.Tr key={change.field}>
                  <Table.Td fw={600} fz="sm">
                    {isOneOf(FIELDS, change.field) ? t(`compendium.fields.${change.field}`) : change.field}
                  </Table.Td>
                  <Table.Td fz="sm" bg="red.0" style={{ wordBreak: "break-word" }}>
                    <FieldSide
                      side="before"
                      values={fieldValues(change.field, change.before)}
                      other={fieldValues(change.field, change.after)}
                    />
                  </Table.Td>
                  <Table.Td fz="sm" bg="green.0" style={{ wordBreak: "break-word" }}>
                    <FieldSide
                      side="after"
                      values={fieldValues(change.field, change.after)}
                      other={fieldValues(change.field, change.before)}
                    />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Stack gap={6}>
        <Title order={4} size="h6">
          {t("compendium.diff.body")}
        </Title>
        {bodyChanged ? (
          <BodyDiff lines={diff.body} />
        ) : (
          <Text c="dimmed" size="sm">
            {t("compendium.diff.bodyUnchanged")}
          </Text>
        )}
      </Stack>
    </Stack>
  );
}

type Line = EntryDiff["body"][number];
type Row = { kind: "line"; line: Line; at: number } | { kind: "fold"; count: number; at: number };

/** Lines to show: every change with CONTEXT unchanged lines around it; the rest folded. */
export function foldUnchanged(lines: readonly Line[]): Row[] {
  const near = lines.map(() => false);
  lines.forEach((line, index) => {
    if (line.op === "same") return;
    for (let at = Math.max(0, index - CONTEXT); at <= Math.min(lines.length - 1, index + CONTEXT); at++)
      near[at] = true;
  });
  const rows: Row[] = [];
  lines.forEach((line, at) => {
    if (near[at]) rows.push({ kind: "line", line, at });
    else {
      const last = rows.at(-1);
      if (last?.kind === "fold") last.count += 1;
      else rows.push({ kind: "fold", count: 1, at });
    }
  });
  return rows;
}

const LINE_STYLE = {
  add: { bg: "var(--mantine-color-green-0)", mark: "+", colour: "var(--mantine-color-green-9)" },
  remove: { bg: "var(--mantine-color-red-0)", mark: "−", colour: "var(--mantine-color-red-9)" },
  same: { bg: "transparent", mark: " ", colour: "inherit" },
} as const;

function BodyDiff({ lines }: { lines: readonly Line[] }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder radius="sm" style={{ overflow: "hidden" }}>
      <Box
        component="pre"
        m={0}
        fz="xs"
        ff="monospace"
        style={{ whiteSpace: "pre-wrap", wordBreak: "break-word", lineHeight: 1.6 }}
      >
        {foldUnchanged(lines).map((row) =>
          row.kind === "fold" ? (
            <Box
              key={`fold-${row.at}`}
              px="sm"
              py={2}
              bg="gray.0"
              c="dimmed"
              style={{ borderBlock: "1px solid var(--mantine-color-gray-2)" }}
            >
              {t("compendium.diff.unchangedLines", { count: row.count })}
            </Box>
          ) : (
            <Box
              key={`line-${row.at}`}
              data-op={row.line.op}
              px="sm"
              style={{ background: LINE_STYLE[row.line.op].bg, color: LINE_STYLE[row.line.op].colour }}
            >
              <span aria-hidden="true" style={{ userSelect: "none", opacity: 0.7 }}>
                {`${LINE_STYLE[row.line.op].mark} `}
              </span>
              {row.line.op === "add" ? (
                <ins style={{ textDecoration: "none" }}>{row.line.text || " "}</ins>
              ) : row.line.op === "remove" ? (
                <del style={{ textDecoration: "none" }}>{row.line.text || " "}</del>
              ) : (
                row.line.text || " "
              )}
            </Box>
          ),
        )}
      </Box>
    </Paper>
  );
}
