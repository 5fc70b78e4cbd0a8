// The app's routes. The sign-in page and the overview come with the app; every other capability's
// pages load on first visit (React.lazy: a chunk each, so the first screen waits for none of them),
// showing the page's skeleton meanwhile.
import { type ComponentType, lazy, Suspense } from "react";
import { createBrowserRouter, Navigate, type RouteObject, useRoutes } from "react-router";
import { OverviewPage } from "../overview/overview-page.tsx";
import { forEveryPage } from "./every-page.ts";
import { PAGE_CODE, type PagePath } from "./page-code.ts";
import { PageSkeleton } from "./page-skeleton.tsx";
import { RouteError } from "./route-error.tsx";
import { RequireSignIn } from "./shell.tsx";
import { SignInPage } from "./sign-in-page.tsx";

/** A page loaded on demand (its own chunk), with the page's skeleton until it arrives. */
function page(path: PagePath) {
  // With what every page but the first screen needs (every-page.ts), in parallel.
  const Page = lazy(() =>
    Promise.all([PAGE_CODE[path](), forEveryPage()]).then(([module]) => ({
      default: "page" in module ? module.page : routesBelow(path.slice(0, -"/*".length), module.routes),
    })),
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

/** The pages loaded on demand, each at its path (page-code.ts). */
const lazyPages: RouteObject[] = Object.keys(PAGE_CODE)
  .filter((path): path is PagePath => path in PAGE_CODE)
  .map((path) => ({ path, element: page(path) }));

export const router = createBrowserRouter([
  { path: "/sign-in", element: <SignInPage />, errorElement: <RouteError /> },
  {
    path: "/",
    element: <RequireSignIn />,
    errorElement: <RouteError />,
    children: [
      { index: true, element: <OverviewPage /> },
      ...lazyPages,
      { path: "*", element: <Navigate to="/" replace /> },
    ],
  },
]);
