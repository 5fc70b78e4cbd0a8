// The directory of experts: words and filters (sector, theme, language, region), cards with their
// expertise. The server returns only the profiles their experts opened to the reader.

import type { ExpertQuery } from "@bulwark/contracts";
import { LANGUAGES } from "@bulwark/core";
import { Button, Group, Loader, Select, SimpleGrid, Stack, Text, TextInput } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { IconMessageQuestion, IconSearch, IconUserCircle } from "@tabler/icons-react";
import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { client, queryClient } from "../app/api.ts";
import { EmptyState, PageControls, PageHeader } from "../app/page-parts.tsx";
import { ProblemAlert } from "../app/problem-alert.tsx";
import { useCompendiumLabels } from "../compendium/compendium-vocabulary.ts";
import { ExpertCard } from "./expert-card.tsx";

const PAGE_SIZE = 24;

/** A page of the directory: the page's query, and what prepareExpertsPage asks for. */
function expertsQuery(query: ExpertQuery) {
  return queryOptions({
    queryKey: ["experts", "search", query],
    queryFn: () => client.call("searchExperts", { query }),
  });
}

/** Asks for the first page, unfiltered (the page keeps its filters in its state), with its code. */
export function prepareExpertsPage(): void {
  void queryClient.prefetchQuery(expertsQuery({ limit: PAGE_SIZE, offset: 0 }));
}

export function ExpertsPage() {
  const { t } = useTranslation();
  const labels = useCompendiumLabels();
  const [words, setWords] = useState("");
  const [q] = useDebouncedValue(words.trim(), 250);
  const [filters, setFilters] = useState<{
    sector?: string;
    theme?: string;
    language?: string;
    region?: string;
  }>({});
  const [page, setPage] = useState(1);
  const query: ExpertQuery = {
    ...(q ? { q } : {}),
    ...(filters as Omit<ExpertQuery, "q" | "limit" | "offset">),
    limit: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
  };
  const experts = useQuery({ ...expertsQuery(query), placeholderData: keepPreviousData });
  const filtered = Boolean(q) || Object.values(filters).some(Boolean);
  const filter = (name: keyof typeof filters, label: string, data: { value: string; label: string }[]) => (
    <Select
      label={label}
      data={data}
      value={filters[name] ?? null}
      onChange={(value) => {
        setFilters((current) => ({ ...current, [name]: value ?? undefined }));
        setPage(1);
      }}
      clearable
      searchable
      w={{ base: "100%", xs: 200 }}
    />
  );
  const languageOptions = LANGUAGES.map((code) => ({ value: code, label: labels.language(code) }));

  return (
    <Stack gap="md">
      <PageHeader
        title={t("experts.directory.title")}
        subtitle={t("experts.directory.subtitle")}
        actions={
          <>
            <Button
              component={Link}
              to="/experts/questions"
              variant="default"
              leftSection={<IconMessageQuestion size={16} />}
            >
              {t("experts.navQuestions")}
            </Button>
            <Button component={Link} to="/experts/me" leftSection={<IconUserCircle size={16} />}>
              {t("experts.directory.myProfile")}
            </Button>
          </>
        }
      />
      <TextInput
        leftSection={<IconSearch size={16} />}
        placeholder={t("experts.directory.search")}
        aria-label={t("experts.directory.search")}
        value={words}
        onChange={(event) => {
          setWords(event.currentTarget.value);
          setPage(1);
        }}
        rightSection={experts.isFetching ? <Loader size="xs" /> : null}
      />
      <Group gap="sm" align="flex-end" wrap="wrap">
        {filter("sector", t("experts.directory.sector"), labels.sectorOptions)}
        {filter("theme", t("experts.directory.theme"), labels.themeOptions)}
        {filter("language", t("experts.directory.language"), languageOptions)}
        {filter("region", t("experts.directory.region"), labels.regionOptions)}
        {filtered && (
          <Button
            variant="subtle"
            onClick={() => {
              setWords("");
              setFilters({});
              setPage(1);
            }}
          >
            {t("experts.directory.clear")}
          </Button>
        )}
      </Group>
      <ProblemAlert error={experts.error} />
      {experts.data && (
        <>
          <Text size="sm" c="dimmed" data-testid="expert-count" data-total={experts.data.total}>
            {t("experts.directory.count", { count: experts.data.total })}
          </Text>
          {experts.data.items.length === 0 ? (
            <EmptyState>{filtered ? t("experts.directory.empty") : t("experts.directory.none")}</EmptyState>
          ) : (
            <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md">
              {experts.data.items.map((expert) => (
                <ExpertCard key={expert.userId} expert={expert} />
              ))}
            </SimpleGrid>
          )}
          <PageControls page={page} pageSize={PAGE_SIZE} total={experts.data.total} onChange={setPage} />
        </>
      )}
      {experts.isPending && <Loader />}
    </Stack>
  );
}
