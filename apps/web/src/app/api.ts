// The one API client of the app (same origin: the server serves both the app and /api) and the
// query cache. A 401 on any query means the session ended: forget who is signed in. Every call
// names the interface's language (Accept-Language), so the server's messages come in it; once
// someone is signed in, the interface follows the language chosen on their account.
import {
  ApiError,
  createClientOf,
  type EndpointDef,
  type EndpointName,
  homeEndpoints,
  type Me,
  notificationEndpoints,
  type Problem,
  sessionEndpoints,
} from "@bulwark/contracts";
import { MutationCache, QueryCache, QueryClient } from "@tanstack/react-query";
import { changeLanguage, currentLanguage, i18n } from "../i18n/index.ts";

/**
 * What the first screen calls (sign-in, who is signed in, the home, the bell) comes with the app;
 * the rest of the endpoint table (every capability's schemas, about 60 kB gzipped) loads on the
 * first call that needs it, in a chunk of its own.
 */
const firstScreen: Partial<Record<EndpointName, EndpointDef>> = {
  ...sessionEndpoints,
  ...homeEndpoints,
  ...notificationEndpoints,
};
let wholeTable: Promise<Record<EndpointName, EndpointDef>> | null = null;

/**
 * A screen whose first call should not wait for the whole table brings that call's part of it with
 * its own code (the maps: geo-assets.ts brings the maps' read).
 */
export function bringEndpoints(part: Partial<Record<EndpointName, EndpointDef>>): void {
  Object.assign(firstScreen, part);
}

function loadWholeTable(): Promise<Record<EndpointName, EndpointDef>> {
  wholeTable ??= import("@bulwark/contracts/endpoints").then(
    (module) => module.endpoints,
    (error: unknown) => {
      // The next call asks again (a network that came back, a server restarted with the same build).
      wholeTable = null;
      throw error;
    },
  );
  return wholeTable;
}

/**
 * Starts loading the rest of the endpoint table now: a page beyond the first screen opened
 * directly needs it for its first call, and its chunk then loads beside the page's own code.
 */
export function preloadEndpointTable(): void {
  // A failure shows on the call that needs the table, which asks again.
  loadWholeTable().catch(() => undefined);
}

function endpointOf(name: EndpointName): EndpointDef | Promise<EndpointDef> {
  const known = firstScreen[name];
  if (known) return known;
  return loadWholeTable().then((table) => table[name]);
}

export const client = createClientOf(endpointOf, { baseUrl: "", language: currentLanguage });

export const meKey = ["me"] as const;

function sessionEnded(error: Error): void {
  if (error instanceof ApiError && error.status === 401) queryClient.setQueryData<Me | null>(meKey, null);
}

export const queryClient = new QueryClient({
  queryCache: new QueryCache({
    onError: (error, query) => {
      if (query.queryKey[0] !== meKey[0]) sessionEnded(error);
    },
  }),
  mutationCache: new MutationCache({
    onError: (error, _variables, _context, mutation) => {
      // Signing in answers 401 for wrong credentials; that is not a session ending.
      if (mutation.options.mutationKey?.[0] !== "login") sessionEnded(error);
    },
  }),
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      retry: (count, error) => !(error instanceof ApiError) && count < 2,
    },
  },
});

// What the server sends in the reader's language (the shipped frameworks, scenarios and methodology,
// problem texts) is asked for again when the language changes.
i18n.on("languageChanged", () => void queryClient.invalidateQueries());

/**
 * The account's language, once per signed-in person and page load: at sign-in and when a signed-in
 * page opens. A language picked in the header afterwards lasts until the next sign-in; the account
 * page changes the account's own.
 */
let followed: string | null = null;
queryClient.getQueryCache().subscribe((event) => {
  if (event.type !== "updated" || event.query.queryKey[0] !== meKey[0]) return;
  const me = event.query.state.data as Me | null | undefined;
  if (!me) {
    if (me === null) followed = null;
    return;
  }
  if (me.id === followed) return;
  followed = me.id;
  if (me.language && me.language !== currentLanguage()) changeLanguage(me.language);
});

/** The problem details of an error, or null when it did not come from the server. */
export function problemOf(error: unknown): Problem | null {
  return error instanceof ApiError ? error.problem : null;
}

/** Field errors of a 400 answer, keyed by field name (the last segment of the path). */
export function fieldErrorsOf(error: unknown): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const item of problemOf(error)?.errors ?? []) {
    const segments = item.path
      .replace(/^\/?(body|query|params)[./]?/, "")
      .split(/[./]/)
      .filter((segment) => segment !== "" && !/^\d+$/.test(segment));
    const name = segments[0] ?? "";
    if (!(name in fields)) fields[name] = item.message;
  }
  return fields;
}
