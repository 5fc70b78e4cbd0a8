// The compendium search lives in the address, so that a search can be shared and the back button
// undoes a step: ?q=drone&sector=transport-air,dams&phase=response&page=2 (lists comma-separated,
// as the API takes them).
import { type CompendiumQuery, FACETS, type Facet } from "@bulwark/contracts";
import { useCallback, useMemo } from "react";
import { useNavigate, useSearchParams } from "react-router";

export const PAGE_SIZE = 20;

export interface SearchState {
  q: string;
  filters: Record<Facet, string[]>;
  page: number;
}

const listOf = (text: string | null): string[] =>
  text ? [...new Set(text.split(",").map((part) => part.trim()))].filter(Boolean) : [];

export function parseSearch(params: URLSearchParams): SearchState {
  const page = Number(params.get("page") ?? "1");
  return {
    q: (params.get("q") ?? "").trim(),
    filters: Object.fromEntries(FACETS.map((facet) => [facet, listOf(params.get(facet))])) as Record<
      Facet,
      string[]
    >,
    page: Number.isInteger(page) && page > 1 ? page : 1,
  };
}

/** The query string of a search, lists joined by plain commas (readable when shared). */
export function searchStringOf(state: SearchState): string {
  const parts: string[] = [];
  if (state.q) parts.push(`q=${encodeURIComponent(state.q)}`);
  for (const facet of FACETS) {
    const values = state.filters[facet];
    if (values.length > 0) parts.push(`${facet}=${values.map(encodeURIComponent).join(",")}`);
  }
  if (state.page > 1) parts.push(`page=${state.page}`);
  return parts.length > 0 ? `?${parts.join("&")}` : "";
}

/** The API's query for a search state. Vocabulary values are checked by the server (400 if unknown). */
export function apiQueryOf(state: SearchState): CompendiumQuery {
  const query: CompendiumQuery = {
    limit: PAGE_SIZE,
    offset: (state.page - 1) * PAGE_SIZE,
  };
  if (state.q) query.q = state.q;
  for (const facet of FACETS) {
    const values = state.filters[facet];
    if (values.length > 0) query[facet] = values.join(",");
  }
  return query;
}

export const filterCount = (state: SearchState) =>
  FACETS.reduce((sum, facet) => sum + state.filters[facet].length, 0);

/** The search in the address, and ways to change it (each change is a step back can undo). */
export function useSearchState() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const state = useMemo(() => parseSearch(params), [params]);
  const go = useCallback(
    (next: SearchState) => void navigate({ search: searchStringOf(next) }, { preventScrollReset: true }),
    [navigate],
  );
  const setQ = useCallback((q: string) => go({ ...state, q, page: 1 }), [go, state]);
  const toggle = useCallback(
    (facet: Facet, value: string) => {
      const values = state.filters[facet];
      const next = values.includes(value) ? values.filter((item) => item !== value) : [...values, value];
      go({ ...state, filters: { ...state.filters, [facet]: next }, page: 1 });
    },
    [go, state],
  );
  const clearFilters = useCallback(
    () => go({ ...state, filters: parseSearch(new URLSearchParams()).filters, page: 1 }),
    [go, state],
  );
  const setPage = useCallback((page: number) => go({ ...state, page }), [go, state]);
  return { state, setQ, toggle, clearFilters, setPage };
}
