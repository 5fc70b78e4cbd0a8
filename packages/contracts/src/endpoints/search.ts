// The endpoint of search everything (Ctrl+K).
import type { EndpointDef } from "../endpoint-def.ts";
import { SearchQuery, SearchResults } from "../search.ts";

export const searchEndpoints = {
  search: {
    method: "GET",
    path: "/api/search",
    summary:
      "Assets, shared items, compendium entries, experts, events, self-assessment runs and risk assessments the caller may see, grouped by kind.",
    tag: "search",
    auth: "user",
    query: SearchQuery,
    status: 200,
    response: SearchResults,
  },
} as const satisfies Record<string, EndpointDef>;
