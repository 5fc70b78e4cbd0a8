// Search everything: a command palette opened by Ctrl+K (Cmd+K on a Mac) or the header's search
// button (search-button.tsx). A combobox over a listbox of results grouped by kind (WAI-ARIA combobox pattern): the
// arrows move, Enter opens, Escape closes; the dialog keeps the focus inside while open.
import type { SearchResult, SearchResults } from "@bulwark/contracts";
import { Alert, Box, Group, Loader, Stack, Text, TextInput } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { IconSearch } from "@tabler/icons-react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { type KeyboardEvent, useEffect, useId, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { client, problemOf } from "../app/api.ts";

const MIN_LENGTH = 2;

/** The palette itself: its own chunk, loaded when it first opens (search-button.tsx). */
export function Palette({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const id = useId();
  const [text, setText] = useState("");
  const [q] = useDebouncedValue(text.trim(), 200);
  const [active, setActive] = useState(0);
  const listRef = useRef<HTMLDivElement>(null);
  // The palette's chunk arrives after the dialog opened (and focused what it held then): take the
  // focus once here, so Ctrl+K then typing searches at once.
  const inputRef = useRef<HTMLInputElement>(null);
  useEffect(() => inputRef.current?.focus(), []);
  const enabled = q.length >= MIN_LENGTH;
  const results = useQuery({
    queryKey: ["search", q],
    queryFn: () => client.call("search", { query: { q } }),
    enabled,
    placeholderData: keepPreviousData,
    staleTime: 10_000,
  });
  const data: SearchResults | undefined = enabled ? results.data : undefined;
  const items = useMemo(() => data?.groups.flatMap((group) => group.items) ?? [], [data]);
  const total = data?.groups.reduce((sum, group) => sum + group.total, 0) ?? 0;

  // A new answer starts at its first result.
  useEffect(() => {
    if (data) setActive(0);
  }, [data]);
  useEffect(() => {
    listRef.current?.querySelector(`[data-index="${active}"]`)?.scrollIntoView?.({ block: "nearest" });
  }, [active]);

  const optionId = (index: number) => `${id}-option-${index}`;
  const go = (item: SearchResult) => {
    onClose();
    void navigate(item.href);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (items.length === 0) return;
    if (event.key === "ArrowDown") setActive((at) => (at + 1) % items.length);
    else if (event.key === "ArrowUp") setActive((at) => (at - 1 + items.length) % items.length);
    else if (event.key === "Home" && event.ctrlKey) setActive(0);
    else if (event.key === "End" && event.ctrlKey) setActive(items.length - 1);
    else if (event.key === "Enter") {
      const item = items[active];
      if (item) go(item);
    } else return;
    event.preventDefault();
  };

  const problem = enabled && results.isError ? problemOf(results.error) : null;
  const status = !enabled
    ? text.trim().length > 0
      ? t("search.tooShort")
      : ""
    : results.isFetching && !data
      ? t("search.searching")
      : data && items.length === 0
        ? t("search.none", { q })
        : data
          ? t("search.count", { count: total })
          : "";

  let index = -1;
  return (
    <Stack gap="sm">
      <TextInput
        ref={inputRef}
        data-autofocus
        value={text}
        onChange={(event) => setText(event.currentTarget.value)}
        onKeyDown={onKeyDown}
        placeholder={t("search.placeholder")}
        aria-label={t("search.label")}
        leftSection={<IconSearch size={16} />}
        rightSection={results.isFetching && enabled ? <Loader size="xs" /> : null}
        maxLength={100}
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={items.length > 0}
        aria-controls={`${id}-listbox`}
        aria-activedescendant={items.length > 0 ? optionId(active) : undefined}
        aria-describedby={`${id}-hint`}
        autoComplete="off"
        spellCheck={false}
      />
      <Text id={`${id}-hint`} size="xs" c="gray.7">
        {t("search.hint")}
      </Text>
      <Text size="sm" role="status" aria-live="polite" c="gray.7">
        {status}
      </Text>
      {problem ? (
        <Alert color="red" variant="light">
          {problem.errors?.[0]?.message ?? problem.title}
        </Alert>
      ) : null}
      <Box
        ref={listRef}
        id={`${id}-listbox`}
        role="listbox"
        aria-label={t("search.title")}
        mah="60vh"
        style={{ overflowY: "auto" }}
      >
        {data?.groups.map((group) => (
          <Box key={group.kind} role="group" aria-labelledby={`${id}-group-${group.kind}`}>
            <Group
              id={`${id}-group-${group.kind}`}
              justify="space-between"
              px="xs"
              pt="sm"
              pb={4}
              role="presentation"
            >
              <Text size="xs" fw={700} tt="uppercase" c="gray.7">
                {t(`search.kinds.${group.kind}`)}
              </Text>
              {group.total > group.items.length ? (
                <Text size="xs" c="gray.7">
                  {t("search.more", { count: group.total - group.items.length })}
                </Text>
              ) : null}
            </Group>
            {group.items.map((item) => {
              index += 1;
              const at = index;
              const selected = at === active;
              return (
                <Box
                  key={`${item.kind}-${item.id}`}
                  id={optionId(at)}
                  data-index={at}
                  role="option"
                  aria-selected={selected}
                  onMouseMove={() => setActive(at)}
                  onMouseDown={(event) => event.preventDefault()}
                  onClick={() => go(item)}
                  px="xs"
                  py={6}
                  style={{
                    cursor: "pointer",
                    borderRadius: "var(--mantine-radius-sm)",
                    background: selected ? "var(--mantine-color-blue-light)" : undefined,
                  }}
                >
                  <Text size="sm" fw={600} lineClamp={1}>
                    <bdi>{item.title}</bdi>
                  </Text>
                  {item.context ? (
                    <Text size="xs" c="gray.7" lineClamp={1}>
                      <bdi>{item.context}</bdi>
                    </Text>
                  ) : null}
                </Box>
              );
            })}
          </Box>
        ))}
      </Box>
    </Stack>
  );
}
