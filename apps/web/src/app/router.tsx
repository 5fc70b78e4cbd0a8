// The app's routes. The sign-in page and the overview come with the app; every other capability's
// pages load on first visit (React.lazy: a chunk each, so the first screen waits for none of them),
// showing the page's skeleton meanwhile.
import { type ComponentType, lazy, Suspense } from "react";
import { createBrowserRouter, Navigate, type RouteObject, useRoutes } from "react-router";
import { OverviewPage } from "../overview/overview-page.tsx";
import { forEveryPage } from "./every-page.ts";
import { PageSkeleton } from "./page-skeleton.tsx";
import { RouteError } from "./route-error.tsx";
import { RequireSignIn } from "./shell.tsx";
import { SignInPage } from "./sign-in-page.tsx";

/** A page loaded on demand (its own chunk), with the page's skeleton until it arrives. */
function page(load: () => Promise<ComponentType>) {
  // With what every page but the first screen needs (every-page.ts), in parallel.
  const Page = lazy(() =>
    Promise.all([load(), forEveryPage()]).then(([component]) => ({ default: component })),
  );
  return (
    <Suspense fallback={<PageSkeleton />}>
      <Page />
    </Suspense>
  );
}

/** Routes that matched below a "prefix/*" route (their own paths without the prefix). */
function RoutesBelow({ routes }: { routes: RouteObject[] }) {
  return useRoutes(routes);
}

/**
 * Routes a capability declares under `prefix` (as the compendium does in compendium-routes.tsx),
 * to be matched below "prefix/*" once their module has loaded; anything else there goes home, as
 * at the top level.
 */
function routesBelow(prefix: string, routes: readonly RouteObject[]): ComponentType {
  const below: RouteObject[] = routes.map((route) => {
    const path = route.path ?? "";
    if (path !== prefix && !path.startsWith(`${prefix}/`))
      throw new Error(`The route ${path} is not under ${prefix}.`);
    return { ...route, path: path.slice(prefix.length + 1) };
  });
  below.push({ path: "*", element: <Navigate to="/" replace /> });
  return () => <RoutesBelow routes={below} />;
}

export const router = createBrowserRouter([
  { path: "/sign-in", element: <SignInPage />, errorElement: <RouteError /> },
  {
    path: "/",
    element: <RequireSignIn />,
    errorElement: <RouteError />,
    children: [
      { index: true, element: <OverviewPage /> },
      {
        path: "assets",
        element: page(() =>
          import("../assets/assets-page.tsx").then((module) => {
            // The map's assets asked for with the page's code, not after what every page waits for.
            module.prepareAssetsPage(new URLSearchParams(window.location.search));
            return module.AssetsPage;
          }),
        ),
      },
      {
        path: "assets/:id",
        element: page(() => import("../assets/asset-page.tsx").then((module) => module.AssetPage)),
      },
      {
        path: "analysis",
        element: page(() =>
          import("../analysis/analysis-page.tsx").then((module) => {
            module.prepareAnalysisPage(new URLSearchParams(window.location.search));
            return module.AnalysisPage;
          }),
        ),
      },
      {
        path: "organisations",
        element: page(() =>
          import("../organisations/organisations-page.tsx").then((module) => module.OrganisationsPage),
        ),
      },
      {
        path: "people",
        element: page(() => import("../people/people-page.tsx").then((module) => module.PeoplePage)),
      },
      {
        path: "communities",
        element: page(() =>
          import("../communities/communities-page.tsx").then((module) => module.CommunitiesPage),
        ),
      },
      {
        path: "compendium/*",
        element: page(() =>
          import("../compendium/compendium-routes.tsx").then((module) =>
            routesBelow("compendium", module.compendiumRoutes),
          ),
        ),
      },
      {
        path: "experts/*",
        element: page(() =>
          import("../experts/experts-routes.tsx").then((module) =>
            routesBelow("experts", module.expertsRoutes),
          ),
        ),
      },
      {
        path: "events/*",
        element: page(() =>
          import("../events/events-routes.tsx").then((module) => routesBelow("events", module.eventRoutes)),
        ),
      },
      {
        path: "exercises/*",
        element: page(() =>
          import("../exercises/exercises-routes.tsx").then((module) =>
            routesBelow("exercises", module.exerciseRoutes),
          ),
        ),
      },
      {
        path: "risk/*",
        element: page(() =>
          import("../risk/risk-routes.tsx").then((module) => routesBelow("risk", module.riskRoutes)),
        ),
      },
      {
        path: "self-assessment/*",
        element: page(() =>
          import("../self-assessment/self-assessment-routes.tsx").then((module) =>
            routesBelow("self-assessment", module.selfAssessmentRoutes),
          ),
        ),
      },
      {
        path: "assistance/*",
        element: page(() =>
          import("../assistance/assistance-routes.tsx").then((module) =>
            routesBelow("assistance", module.assistanceRoutes),
          ),
        ),
      },
      {
        path: "sharing/*",
        element: page(() =>
          import("../sharing/sharing-routes.tsx").then((module) =>
            routesBelow("sharing", module.sharingRoutes),
          ),
        ),
      },
      {
        path: "incidents/*",
        element: page(() =>
          import("../incidents/incidents-routes.tsx").then((module) =>
            routesBelow("incidents", module.incidentRoutes),
          ),
        ),
      },
      {
        path: "federation",
        element: page(() =>
          import("../federation/federation-page.tsx").then((module) => module.FederationPage),
        ),
      },
      {
        path: "implementation/:country",
        element: page(() =>
          import("../implementation/implementation-page.tsx").then((module) => module.ImplementationPage),
        ),
      },
      {
        path: "audit",
        element: page(() => import("../audit/audit-page.tsx").then((module) => module.AuditPage)),
      },
      {
        path: "account",
        element: page(() => import("../account/account-page.tsx").then((module) => module.AccountPage)),
      },
      { path: "*", element: <Navigate to="/" replace /> },
    ],
  },
]);
