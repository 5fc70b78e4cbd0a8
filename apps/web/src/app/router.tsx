import { createBrowserRouter, Navigate } from "react-router";
import { AccountPage } from "../account/account-page.tsx";
import { AnalysisPage } from "../analysis/analysis-page.tsx";
import { AssetPage } from "../assets/asset-page.tsx";
import { AssetsPage } from "../assets/assets-page.tsx";
import { AuditPage } from "../audit/audit-page.tsx";
import { CommunitiesPage } from "../communities/communities-page.tsx";
import { compendiumRoutes } from "../compendium/compendium-routes.tsx";
import { OrganisationsPage } from "../organisations/organisations-page.tsx";
import { OverviewPage } from "../overview/overview-page.tsx";
import { PeoplePage } from "../people/people-page.tsx";
import { RouteError } from "./route-error.tsx";
import { RequireSignIn } from "./shell.tsx";
import { SignInPage } from "./sign-in-page.tsx";

export const router = createBrowserRouter([
  { path: "/sign-in", element: <SignInPage />, errorElement: <RouteError /> },
  {
    path: "/",
    element: <RequireSignIn />,
    errorElement: <RouteError />,
    children: [
      { index: true, element: <OverviewPage /> },
      { path: "assets", element: <AssetsPage /> },
      { path: "assets/:id", element: <AssetPage /> },
      { path: "analysis", element: <AnalysisPage /> },
      { path: "organisations", element: <OrganisationsPage /> },
      { path: "people", element: <PeoplePage /> },
      { path: "communities", element: <CommunitiesPage /> },
      ...compendiumRoutes,
      { path: "audit", element: <AuditPage /> },
      { path: "account", element: <AccountPage /> },
      { path: "*", element: <Navigate to="/" replace /> },
    ],
  },
]);
