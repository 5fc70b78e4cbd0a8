// The compendium's search: words, facets with counts, ranked results with marked snippets. The
// search lives in the address (search-state.ts); while the next answer loads, the last one stays.
// Without a network, the same search runs over the CLEAR entries saved on this device (offline/).

import {
  BOOKLET_MAX_ENTRIES,
  type CompendiumQuery,
  type CompendiumResults,
  FACETS,
  type Facet,
} from "@bulwark/contracts";
import {
  Box,
  Button,
  Drawer,
  Grid,
  Group,
  Loader,
  Paper,
  Pill,
  Skeleton,
  Stack,
  Text,
  TextInput,
  Tooltip,
} from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import {
  IconFilter,
  IconGitPullRequest,
  IconPlus,
  IconPrinter,
  IconSearch,
  IconSearchOff,
  IconX,
} from "@tabler/icons-react";
import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { client, queryClient } from "../app/api.ts";
import { useCan } from "../app/auth.tsx";
import { PageControls, PageHeader } from "../app/page-parts.tsx";
import { ProblemAlert } from "../app/problem-alert.tsx";
import { whenSettled } from "../app/settled.ts";
import { i18n as appI18n } from "../i18n/index.ts";
import { useOfflineSearch } from "../offline/offline-compendium.ts";
import { isNetworkError, useNoAnswerYet, useOfflineMode, useOnline } from "../offline/offline-hooks.ts";
import { OfflineSearchBanner, SavedCopyNote } from "../offline/offline-status.tsx";
import { refreshSavedCopy } from "../offline/saved-copy.ts";
import { useCompendiumLabels } from "./compendium-vocabulary.ts";
import { FacetPanels } from "./facet-panel.tsx";
import { ResultCard } from "./result-card.tsx";
import {
  apiQueryOf,
  filterCount,
  PAGE_SIZE,
  parseSearch,
  type SearchState,
  useSearchState,
} from "./search-state.ts";

/**
 * A search's page of results in `language`: the page's query, and what prepareCompendiumPage asks
 * for. The language is part of the key: titles and summaries come in it where Bulwark translated them.
 */
function searchQuery(query: CompendiumQuery, language: string) {
  return queryOptions({
    queryKey: ["compendium", "search", query, language],
    queryFn: () => client.call("searchCompendium", { query }),
  });
}

/**
 * Asks for the search in the address with the page's code (page-code.ts), not once it is drawn;
 * not without a network (the saved copy answers then).
 */
export function prepareCompendiumPage(params: URLSearchParams): void {
  if (!navigator.onLine) return;
  void queryClient.prefetchQuery(searchQuery(apiQueryOf(parseSearch(params)), appI18n.language));
}

export function CompendiumPage() {
  const { t, i18n } = useTranslation();
  const search = useSearchState();
  const { state } = search;
  const [filtersOpen, setFiltersOpen] = useState(false);
  const query = apiQueryOf(state);
  const offlineMode = useOfflineMode();
  const online = useOnline();
  const remote = useQuery({
    ...searchQuery(query, i18n.language),
    placeholderData: keepPreviousData,
    enabled: !offlineMode,
  });
  // No network, or no answer yet (a network that drops without the browser noticing): the saved
  // copy answers, when there is one, until the server does.
  const waiting = useNoAnswerYet(remote.fetchStatus !== "idle", JSON.stringify(query));
  const offline = offlineMode || !online || isNetworkError(remote.error);
  const local = useOfflineSearch(state, PAGE_SIZE, offline || waiting);
  const results = local
    ? { data: local.results, error: null, isFetching: false, isPending: false, isPlaceholderData: false }
    : remote;
  useEffect(() => {
    if (offlineMode || !online) return;
    // Once the page has settled: the reader came for the search, not for the copy.
    let current = true;
    void whenSettled().then(() => {
      if (current) void refreshSavedCopy();
    });
    return () => {
      current = false;
    };
  }, [offlineMode, online]);
  const activeFilters = filterCount(state);
  const facets = (
    <FacetPanels facets={results.data?.facets} selected={state.filters} onToggle={search.toggle} />
  );

  return (
    <>
      <PageHeader
        title={t("compendium.title")}
        subtitle={t("compendium.subtitle")}
        actions={offlineMode ? undefined : <CompendiumActions />}
      />
      <SearchBox q={state.q} onSearch={search.setQ} busy={results.isFetching} />
      <Box mt="xs">
        {local ? <OfflineSearchBanner meta={local.meta} waiting={!offline} /> : <SavedCopyNote />}
      </Box>
      <Grid gutter="xl" mt="md">
        <Grid.Col span={{ base: 12, md: 3 }} visibleFrom="md">
          <Paper component="aside" aria-label={t("compendium.filters")} withBorder radius="md" p="md">
            {results.data ? facets : <Skeleton height={320} />}
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 9 }}>
          <Stack gap="sm">
            <Group justify="space-between" gap="xs" wrap="wrap" mih={28}>
              <ResultCount state={state} total={results.data?.total} />
              {!local && <BookletButton state={state} total={results.data?.total} />}
              <Button
                hiddenFrom="md"
                size="xs"
                variant="default"
                leftSection={<IconFilter size={14} />}
                onClick={() => setFiltersOpen(true)}
              >
                {activeFilters > 0
                  ? `${t("compendium.filters")} (${activeFilters})`
                  : t("compendium.filters")}
              </Button>
            </Group>
            <ActiveFilters state={state} onRemove={search.toggle} onClear={search.clearFilters} />
            <ProblemAlert error={results.error} />
            <Results
              results={results.data}
              loading={results.isPending}
              stale={results.isPlaceholderData}
              state={state}
              onRemove={search.toggle}
            />
            <PageControls
              page={state.page}
              pageSize={PAGE_SIZE}
              total={results.data?.total ?? 0}
              onChange={(page) => {
                search.setPage(page);
                window.scrollTo({ top: 0 });
              }}
            />
          </Stack>
        </Grid.Col>
      </Grid>
      <Drawer
        opened={filtersOpen}
        onClose={() => setFiltersOpen(false)}
        title={t("compendium.filters")}
        hiddenFrom="md"
        size="xs"
      >
        {facets}
      </Drawer>
    </>
  );
}

/** Proposing and reviewing: for a signed-in reader (never in the offline app). */
function CompendiumActions() {
  const { t } = useTranslation();
  const canPropose = useCan("compendium:propose");
  return (
    <>
      <Button
        component={Link}
        to="/compendium/proposals"
        variant="default"
        leftSection={<IconGitPullRequest size={16} />}
      >
        {t("compendium.reviewQueue")}
      </Button>
      {canPropose && (
        <Button component={Link} to="/compendium/propose" leftSection={<IconPlus size={16} />}>
          {t("compendium.proposeNew")}
        </Button>
      )}
    </>
  );
}

/**
 * The words typed go to the address once the typing pauses. The box follows the address when it
 * changes otherwise (back button, a tag's link), and not while it is echoing what was just typed.
 */
function SearchBox({ q, onSearch, busy }: { q: string; onSearch: (q: string) => void; busy: boolean }) {
  const { t } = useTranslation();
  const [text, setText] = useState(q);
  const [debounced] = useDebouncedValue(text.trim(), 250);
  const written = useRef(q);
  const search = useRef(onSearch);
  search.current = onSearch;
  useEffect(() => {
    if (debounced === written.current) return;
    written.current = debounced;
    search.current(debounced);
  }, [debounced]);
  useEffect(() => {
    if (q === written.current) return;
    written.current = q;
    setText(q);
  }, [q]);
  return (
    <TextInput
      type="search"
      size="lg"
      radius="md"
      aria-label={t("compendium.searchLabel")}
      placeholder={t("compendium.searchPlaceholder")}
      leftSection={<IconSearch size={20} />}
      rightSection={busy ? <Loader size="sm" /> : null}
      value={text}
      onChange={(event) => setText(event.currentTarget.value)}
    />
  );
}

/** Downloads what the search finds as a printable PDF booklet (up to BOOKLET_MAX_ENTRIES entries). */
function BookletButton({ state, total }: { state: SearchState; total: number | undefined }) {
  const { t } = useTranslation();
  const { limit: _limit, offset: _offset, ...selection } = apiQueryOf(state);
  const tooMany = (total ?? 0) > BOOKLET_MAX_ENTRIES;
  const button = (
    <Button
      component="a"
      href={total && !tooMany ? client.url("/api/compendium/booklet", selection) : undefined}
      download
      size="xs"
      variant="default"
      leftSection={<IconPrinter size={14} />}
      disabled={!total || tooMany}
      data-testid="booklet"
      ms="auto"
    >
      {t("compendium.booklet")}
    </Button>
  );
  return tooMany ? (
    <Tooltip label={t("compendium.bookletTooMany", { max: BOOKLET_MAX_ENTRIES })}>
      <span style={{ marginInlineStart: "auto" }}>{button}</span>
    </Tooltip>
  ) : (
    button
  );
}

function ResultCount({ state, total }: { state: SearchState; total: number | undefined }) {
  const { t } = useTranslation();
  if (total === undefined) return <Skeleton height={20} width={160} />;
  return (
    <Text fw={600} role="status" data-testid="result-count" data-total={total}>
      {state.q
        ? t("compendium.resultsFor", { count: total, q: state.q })
        : t("compendium.results", { count: total })}
    </Text>
  );
}

function activeList(state: SearchState): { facet: Facet; value: string }[] {
  return FACETS.flatMap((facet) => state.filters[facet].map((value) => ({ facet, value })));
}

function ActiveFilters({
  state,
  onRemove,
  onClear,
}: {
  state: SearchState;
  onRemove: (facet: Facet, value: string) => void;
  onClear: () => void;
}) {
  const { t } = useTranslation();
  const labels = useCompendiumLabels();
  const active = activeList(state);
  if (active.length === 0) return null;
  return (
    <Group gap={6} wrap="wrap">
      {active.map(({ facet, value }) => {
        const label = `${t(`compendium.facets.${facet}`)}: ${labels.value(facet, value)}`;
        return (
          <Pill
            key={`${facet}:${value}`}
            size="md"
            withRemoveButton
            onRemove={() => onRemove(facet, value)}
            // Mantine hides a pill's remove button from keyboards and screen readers; here it is the way to remove.
            removeButtonProps={{
              "aria-label": t("compendium.removeFilter", { label }),
              "aria-hidden": false,
              tabIndex: 0,
            }}
            bg="bulwark.0"
          >
            {label}
          </Pill>
        );
      })}
      <Button variant="subtle" size="compact-sm" leftSection={<IconX size={14} />} onClick={onClear}>
        {t("compendium.clearFilters")}
      </Button>
    </Group>
  );
}

function Results({
  results,
  loading,
  stale,
  state,
  onRemove,
}: {
  results: CompendiumResults | undefined;
  loading: boolean;
  stale: boolean;
  state: SearchState;
  onRemove: (facet: Facet, value: string) => void;
}) {
  const { t } = useTranslation();
  const labels = useCompendiumLabels();
  if (loading)
    return (
      <Stack gap="sm" aria-busy="true">
        {["a", "b", "c"].map((key) => (
          <Skeleton key={key} height={120} radius="md" />
        ))}
      </Stack>
    );
  if (!results) return null;
  if (results.items.length === 0) {
    const active = activeList(state);
    return (
      <Paper withBorder p="xl" radius="md">
        <Stack align="center" gap="sm">
          <IconSearchOff size={32} stroke={1.5} color="var(--mantine-color-dimmed)" />
          <Text fw={600}>{t("compendium.empty")}</Text>
          <Text c="dimmed" size="sm" ta="center">
            {active.length > 0 ? t("compendium.emptyWithFilters") : t("compendium.emptyTryOther")}
          </Text>
          {active.length > 0 && (
            <Group gap="xs" justify="center">
              {active.map(({ facet, value }) => (
                <Button
                  key={`${facet}:${value}`}
                  size="xs"
                  variant="light"
                  leftSection={<IconX size={12} />}
                  onClick={() => onRemove(facet, value)}
                >
                  {`${t(`compendium.facets.${facet}`)}: ${labels.value(facet, value)}`}
                </Button>
              ))}
            </Group>
          )}
        </Stack>
      </Paper>
    );
  }
  return (
    <Box style={{ opacity: stale ? 0.6 : 1, transition: "opacity 120ms" }}>
      <Stack gap="sm">
        {results.items.map((entry) => (
          <ResultCard key={entry.id} entry={entry} />
        ))}
      </Stack>
    </Box>
  );
}
