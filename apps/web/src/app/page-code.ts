// The code of each page loaded on demand (a chunk each), by its route's path as router.tsx declares
// it, so that the app can start loading the page a visitor opens at once, with the app itself, rather
// than after learning who is signed in and drawing the frame (preloadPageOf, called by main.tsx).
// Each loader runs once: the router's lazy page and the early start share its promise.
import type { ComponentType } from "react";
import { matchPath, type RouteObject } from "react-router";
import { whileLoading } from "./settled.ts";

/** A page's code, or a capability's routes below its prefix (as routesBelow wants them). */
export type PageModule = { page: ComponentType } | { routes: readonly RouteObject[] };

function once<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | null = null;
  return () => {
    loading ??= whileLoading(load());
    return loading;
  };
}

/**
 * The address the app was opened at: pages that ask for their data as soon as their code arrives
 * (the maps) read their options from it, as they do from the address once shown.
 */
const opened = () => new URLSearchParams(window.location.search);

/**
 * Runs the `prepare…` of a capability's page at the address the app was opened at, if it has one
 * (keys are route paths as the capability's routes declare them; the page's first data then leaves
 * with its code, under the query key the page reads, rather than after the page's first render).
 */
function prepareOpened(prepared: Record<string, (params: URLSearchParams) => void>): void {
  for (const [path, prepare] of Object.entries(prepared)) {
    if (!matchPath({ path: `/${path}`, end: true }, window.location.pathname)) continue;
    prepare(opened());
    return;
  }
}

export const PAGE_CODE = {
  assets: once(() =>
    import("../assets/assets-page.tsx").then((module) => {
      // The map's assets asked for with the page's code, not after what every page waits for.
      module.prepareAssetsPage(opened());
      return { page: module.AssetsPage };
    }),
  ),
  "assets/:id": once(() => import("../assets/asset-page.tsx").then((module) => ({ page: module.AssetPage }))),
  analysis: once(() =>
    import("../analysis/analysis-page.tsx").then((module) => {
      module.prepareAnalysisPage(opened());
      return { page: module.AnalysisPage };
    }),
  ),
  organisations: once(() =>
    import("../organisations/organisations-page.tsx").then((module) => {
      module.prepareOrganisationsPage();
      return { page: module.OrganisationsPage };
    }),
  ),
  people: once(() => import("../people/people-page.tsx").then((module) => ({ page: module.PeoplePage }))),
  communities: once(() =>
    import("../communities/communities-page.tsx").then((module) => ({ page: module.CommunitiesPage })),
  ),
  "compendium/*": once(() =>
    import("../compendium/compendium-routes.tsx").then((module) => {
      prepareOpened({ compendium: module.prepareCompendiumPage });
      return { routes: module.compendiumRoutes };
    }),
  ),
  "experts/*": once(() =>
    import("../experts/experts-routes.tsx").then((module) => {
      prepareOpened({ experts: module.prepareExpertsPage });
      return { routes: module.expertsRoutes };
    }),
  ),
  "events/*": once(() =>
    import("../events/events-routes.tsx").then((module) => {
      prepareOpened({ events: module.prepareEventsPage });
      return { routes: module.eventRoutes };
    }),
  ),
  "exercises/*": once(() =>
    import("../exercises/exercises-routes.tsx").then((module) => ({ routes: module.exerciseRoutes })),
  ),
  "risk/*": once(() =>
    import("../risk/risk-routes.tsx").then((module) => {
      prepareOpened({ risk: module.prepareRegisterPage });
      return { routes: module.riskRoutes };
    }),
  ),
  "self-assessment/*": once(() =>
    import("../self-assessment/self-assessment-routes.tsx").then((module) => {
      prepareOpened({ "self-assessment": module.prepareSelfAssessmentPage });
      return { routes: module.selfAssessmentRoutes };
    }),
  ),
  "assistance/*": once(() =>
    import("../assistance/assistance-routes.tsx").then((module) => ({ routes: module.assistanceRoutes })),
  ),
  "sharing/*": once(() =>
    import("../sharing/sharing-routes.tsx").then((module) => {
      prepareOpened({ sharing: module.prepareSharingFeedPage });
      return { routes: module.sharingRoutes };
    }),
  ),
  "incidents/*": once(() =>
    import("../incidents/incidents-routes.tsx").then((module) => ({ routes: module.incidentRoutes })),
  ),
  federation: once(() =>
    import("../federation/federation-page.tsx").then((module) => ({ page: module.FederationPage })),
  ),
  "implementation/:country": once(() =>
    import("../implementation/implementation-page.tsx").then((module) => ({
      page: module.ImplementationPage,
    })),
  ),
  audit: once(() =>
    import("../audit/audit-page.tsx").then((module) => {
      module.prepareAuditPage();
      return { page: module.AuditPage };
    }),
  ),
  account: once(() => import("../account/account-page.tsx").then((module) => ({ page: module.AccountPage }))),
} satisfies Record<string, () => Promise<PageModule>>;

export type PagePath = keyof typeof PAGE_CODE;

/** The loader of the page at `pathname` (one of the signed-in routes loaded on demand), if any. */
export function pageCodeAt(pathname: string): (() => Promise<PageModule>) | null {
  for (const [path, load] of Object.entries(PAGE_CODE))
    if (matchPath({ path: `/${path}`, end: true }, pathname)) return load;
  return null;
}
