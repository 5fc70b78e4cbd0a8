// /risk: the risk register. Every assessment the reader may see, filtered (sector, scenario,
// band, above appetite, review due) and sorted by a click on a column; a heat map, band counts,
// reviews due and the trend of the mean score for the same filters; CSV and PDF export of the same.
import { type RegisterQuery, RegisterSort } from "@bulwark/contracts";
import { SECTORS } from "@bulwark/core";
import {
  Anchor,
  Button,
  Checkbox,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
  UnstyledButton,
} from "@mantine/core";
import {
  IconArrowDown,
  IconArrowUp,
  IconDownload,
  IconFileTypePdf,
  IconListDetails,
  IconPlus,
  IconScale,
} from "@tabler/icons-react";
import { keepPreviousData, queryOptions, useMutation, useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { client, queryClient } from "../app/api.ts";
import { DownloadButton } from "../app/download-button.tsx";
import { useFormat } from "../app/format.ts";
import { ListTable, PageControls, PageHeader } from "../app/page-parts.tsx";
import { ProblemAlert } from "../app/problem-alert.tsx";
import { isOneOf, useLabels } from "../app/vocabulary.ts";
import { TlpBadge } from "../assets/tlp-badge.tsx";
import { organisationOptionsQuery, useOrganisationOptions } from "../organisations/organisation-options.ts";
import { RiskMatrix } from "./risk-matrix.tsx";
import { BandBadge, ReviewBadge } from "./risk-parts.tsx";
import { ScoreTrend } from "./score-trend.tsx";

const PAGE_SIZE = 25;
const REVIEW_FILTERS = ["overdue", "due-soon"] as const;
type Sort = NonNullable<RegisterQuery["sort"]>;

/** The register's filters, sort and page as the address gives them, and the query they make. */
function registerView(params: URLSearchParams) {
  const sector = params.get("sector");
  const reviewParam = params.get("review");
  const sortParam = params.get("sort");
  const sort: Sort = isOneOf(RegisterSort.options, sortParam) ? sortParam : "-score";
  const page = Math.max(1, Number(params.get("page") ?? "1") || 1);
  const filters = {
    sector: isOneOf(SECTORS, sector) ? sector : undefined,
    scenario: params.get("scenario") ?? undefined,
    band: params.get("band") ?? undefined,
    review: isOneOf(REVIEW_FILTERS, reviewParam) ? reviewParam : undefined,
    aboveAppetite: params.get("above") === "true" ? ("true" as const) : undefined,
    organisationId: params.get("organisation") ?? undefined,
    country: params.get("country") ?? undefined,
  };
  return {
    filters,
    sort,
    page,
    query: { ...filters, sort, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE },
  };
}

/** A page of the register: the page's query, and what prepareRegisterPage asks for. */
function registerQuery(query: ReturnType<typeof registerView>["query"]) {
  return queryOptions({
    queryKey: ["risk", "register", query],
    queryFn: () => client.call("riskRegister", { query }),
  });
}

const scenariosQuery = queryOptions({
  queryKey: ["risk", "scenarios"],
  queryFn: () => client.call("listRiskScenarios"),
});

/**
 * Asks for the register as the address filters it, the scenarios and the organisations (the
 * filters' options) with the page's code (risk-routes.tsx, page-code.ts), not once it is drawn.
 */
export function prepareRegisterPage(params: URLSearchParams): void {
  void queryClient.prefetchQuery(registerQuery(registerView(params).query));
  void queryClient.prefetchQuery(scenariosQuery);
  void queryClient.prefetchQuery(organisationOptionsQuery);
}

/** A count; a click applies the filter it stands for (again: removes it). */
function Stat({
  label,
  value,
  colour,
  testId,
  active = false,
  onClick,
}: {
  label: string;
  value: number;
  colour?: string;
  testId: string;
  active?: boolean;
  onClick?: () => void;
}) {
  return (
    <Paper
      withBorder
      p="md"
      radius="md"
      component={onClick ? "button" : "div"}
      onClick={onClick}
      aria-pressed={onClick ? active : undefined}
      style={{
        textAlign: "start",
        cursor: onClick ? "pointer" : undefined,
        outline: active ? "2px solid var(--mantine-color-blue-6)" : undefined,
      }}
    >
      <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
        {label}
      </Text>
      <Text size="xl" fw={700} c={colour} data-testid={testId} data-value={value}>
        {value}
      </Text>
    </Paper>
  );
}

function download(filename: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: "text/csv;charset=utf-8" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  link.click();
  URL.revokeObjectURL(url);
}

export function RegisterPage() {
  const { t } = useTranslation();
  const labels = useLabels();
  const organisations = useOrganisationOptions();
  const format = useFormat();
  // Same query as the organisation options (shared cache): the countries of those organisations.
  const directory = useQuery(organisationOptionsQuery);
  const countries = [...new Set((directory.data?.items ?? []).map((item) => item.country))]
    .map((code) => ({ value: code, label: format.country(code) }))
    .sort((a, b) => a.label.localeCompare(b.label));
  // Filters, sort and page live in the address, so a view of the register can be linked.
  const [params, setParams] = useSearchParams();
  const setParam = (name: string) => (value: string | null) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set(name, value);
        else next.delete(name);
        if (name !== "page") next.delete("page");
        return next;
      },
      { replace: true },
    );
  const country = params.get("country");
  const setCountry = setParam("country");
  const organisationId = params.get("organisation");
  const setOrganisationId = setParam("organisation");
  const sector = params.get("sector");
  const setSector = setParam("sector");
  const scenario = params.get("scenario");
  const setScenario = setParam("scenario");
  const band = params.get("band");
  const setBand = setParam("band");
  const reviewParam = params.get("review");
  const review = isOneOf(REVIEW_FILTERS, reviewParam) ? reviewParam : null;
  const setReview = setParam("review");
  const aboveOnly = params.get("above") === "true";
  const setAboveOnly = (value: boolean) => setParam("above")(value ? "true" : null);
  const { filters, sort, page, query } = registerView(params);
  const setSort = setParam("sort");
  const setPage = (next: number) => setParam("page")(next > 1 ? String(next) : null);

  const register = useQuery({ ...registerQuery(query), placeholderData: keepPreviousData });
  const scenarios = useQuery(scenariosQuery);
  const exportCsv = useMutation({
    mutationFn: () => client.call("exportRiskRegister", { query: { ...filters, sort } }),
    onSuccess: (file) => download(file.filename, file.csv),
  });
  const data = register.data;

  const header = (label: string, key: "score" | "reviewDate" | "title") => {
    const active = sort === key || sort === `-${key}`;
    const descending = sort === `-${key}`;
    const next: Sort = key === "title" ? "title" : active && descending ? key : (`-${key}` as Sort);
    return (
      <Table.Th aria-sort={active ? (descending ? "descending" : "ascending") : "none"}>
        <UnstyledButton onClick={() => setSort(next)} fw={700} fz="sm">
          <Group gap={4} wrap="nowrap">
            {label}
            {active && (descending ? <IconArrowDown size={14} /> : <IconArrowUp size={14} />)}
          </Group>
        </UnstyledButton>
      </Table.Th>
    );
  };

  return (
    <>
      <PageHeader
        title={t("risk.register.title")}
        subtitle={t("risk.register.subtitle")}
        actions={
          <>
            <Button
              variant="subtle"
              component={Link}
              to="/risk/scenarios"
              leftSection={<IconListDetails size={16} />}
            >
              {t("risk.navScenarios")}
            </Button>
            <Button
              variant="subtle"
              component={Link}
              to="/risk/methodology"
              leftSection={<IconScale size={16} />}
            >
              {t("risk.methodology.title")}
            </Button>
            <Button
              variant="default"
              leftSection={<IconDownload size={16} />}
              loading={exportCsv.isPending}
              onClick={() => exportCsv.mutate()}
            >
              {t("risk.register.export")}
            </Button>
            <DownloadButton
              href={client.url("/api/risk/register.pdf", { ...filters, sort })}
              testId="register-pdf"
              icon={<IconFileTypePdf size={16} />}
            >
              {t("risk.register.exportPdf")}
            </DownloadButton>
            <Button component={Link} to="/risk/new" leftSection={<IconPlus size={16} />}>
              {t("risk.register.new")}
            </Button>
          </>
        }
      />
      <Stack gap="md">
        <ProblemAlert error={register.error ?? exportCsv.error} />
        <SimpleGrid cols={{ base: 2, sm: 4 }}>
          <Stat label={t("risk.register.total")} value={data?.total ?? 0} testId="register-total" />
          <Stat
            label={t("risk.register.above")}
            value={data?.aboveAppetite ?? 0}
            colour="red"
            testId="register-above"
            active={aboveOnly}
            onClick={() => setAboveOnly(!aboveOnly)}
          />
          <Stat
            label={t("risk.register.overdue")}
            value={data?.reviews.overdue ?? 0}
            colour="red"
            testId="register-overdue"
            active={review === "overdue"}
            onClick={() => setReview(review === "overdue" ? null : "overdue")}
          />
          <Stat
            label={t("risk.register.dueSoon")}
            value={data?.reviews.dueSoon ?? 0}
            colour="orange"
            testId="register-due-soon"
            active={review === "due-soon"}
            onClick={() => setReview(review === "due-soon" ? null : "due-soon")}
          />
        </SimpleGrid>
        {data && (
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <Paper withBorder p="md" radius="md">
              <Title order={4}>{t("risk.register.heatMap")}</Title>
              <Text size="xs" c="dimmed" mb="sm">
                {t("risk.register.heatMapHint")}
              </Text>
              <RiskMatrix
                methodology={data.methodology}
                counts={data.heatMap}
                title={t("risk.register.heatMap")}
              />
              <Group gap="xs" mt="sm">
                {data.bands.map((item) => (
                  <BandBadge key={item.id} band={{ ...item, label: `${item.label}: ${item.count}` }} />
                ))}
              </Group>
            </Paper>
            <Paper withBorder p="md" radius="md">
              <Title order={4}>{t("risk.register.trend")}</Title>
              <Text size="xs" c="dimmed" mb="sm">
                {t("risk.register.trendHint")}
              </Text>
              {data.trend.length > 0 ? (
                <ScoreTrend
                  points={data.trend.map((point) => ({ at: point.at, score: point.meanScore }))}
                  label={t("risk.register.trend")}
                />
              ) : (
                <Text c="dimmed" size="sm">
                  {t("risk.register.trendEmpty")}
                </Text>
              )}
            </Paper>
          </SimpleGrid>
        )}
        <Group gap="sm" wrap="wrap" align="flex-end">
          {countries.length > 1 && (
            <Select
              aria-label={t("organisations.country")}
              placeholder={t("risk.register.allCountries")}
              data={countries}
              value={country}
              onChange={setCountry}
              clearable
              w={200}
            />
          )}
          <Select
            aria-label={t("risk.columns.organisation")}
            placeholder={t("risk.register.allOrganisations")}
            data={organisations.options}
            value={organisationId}
            onChange={setOrganisationId}
            clearable
            searchable
            w={260}
          />
          <Select
            aria-label={t("risk.columns.sector")}
            placeholder={t("organisations.allSectors")}
            data={labels.sectorOptions}
            value={sector}
            onChange={setSector}
            clearable
            searchable
            w={220}
          />
          <Select
            aria-label={t("risk.columns.scenario")}
            placeholder={t("risk.register.allScenarios")}
            data={(scenarios.data?.items ?? []).map((item) => ({ value: item.slug, label: item.title }))}
            value={scenario}
            onChange={setScenario}
            clearable
            searchable
            w={260}
          />
          <Select
            aria-label={t("risk.register.band")}
            placeholder={t("risk.register.allBands")}
            data={(data?.methodology.bands ?? []).map((item) => ({ value: item.id, label: item.label }))}
            value={band}
            onChange={setBand}
            clearable
            w={160}
          />
          <Select
            aria-label={t("risk.register.review")}
            placeholder={t("risk.register.allReviews")}
            data={[
              { value: "overdue", label: t("risk.reviewStates.overdue") },
              { value: "due-soon", label: t("risk.reviewStates.due-soon") },
            ]}
            value={review}
            onChange={setReview}
            clearable
            w={160}
          />
          <Checkbox
            label={t("risk.register.aboveAppetite")}
            checked={aboveOnly}
            onChange={(event) => {
              setAboveOnly(event.currentTarget.checked);
            }}
            mb={8}
          />
        </Group>
        <ListTable
          loading={register.isPending}
          failed={register.isError}
          isEmpty={(data?.items.length ?? 0) === 0}
          empty={t("risk.register.empty")}
          skeletonColumns={7}
          minWidth={1000}
          headers={
            <>
              {header(t("risk.columns.title"), "title")}
              <Table.Th>{t("risk.columns.organisation")}</Table.Th>
              <Table.Th>{t("risk.columns.scenario")}</Table.Th>
              {header(t("risk.columns.score"), "score")}
              <Table.Th>{t("risk.columns.residual")}</Table.Th>
              {header(t("risk.columns.review"), "reviewDate")}
              <Table.Th>{t("risk.columns.marking")}</Table.Th>
            </>
          }
        >
          {data?.items.map((item) => (
            <Table.Tr key={item.id} data-testid="register-row">
              <Table.Td>
                <Anchor component={Link} to={`/risk/${item.id}`} fw={600}>
                  {item.title}
                </Anchor>
                <Text size="xs" c="dimmed">
                  {[
                    ...item.assets.map((asset) => asset.name),
                    ...(item.hiddenAssets > 0 ? [t("risk.hiddenAssets", { count: item.hiddenAssets })] : []),
                  ].join(", ")}{" "}
                  · {labels.sector(item.sector)}
                </Text>
              </Table.Td>
              <Table.Td>{item.organisation.name}</Table.Td>
              <Table.Td>{item.scenario.title}</Table.Td>
              <Table.Td>
                <BandBadge band={item.band} score={item.score} />
              </Table.Td>
              <Table.Td>
                <BandBadge band={item.residual.band} score={item.residual.score} />
              </Table.Td>
              <Table.Td>
                <ReviewBadge item={item} />
              </Table.Td>
              <Table.Td>
                <TlpBadge marking={item.marking} />
              </Table.Td>
            </Table.Tr>
          ))}
        </ListTable>
        <PageControls page={page} pageSize={PAGE_SIZE} total={data?.total ?? 0} onChange={setPage} />
      </Stack>
    </>
  );
}
