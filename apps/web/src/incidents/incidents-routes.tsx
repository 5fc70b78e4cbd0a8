// Incidents' pages, mounted under the signed-in shell by the app's router.
import type { RouteObject } from "react-router";
import { IncidentPage } from "./incident-page.tsx";
import { IncidentsPage } from "./incidents-page.tsx";
import { ReportIncidentPage } from "./report-incident-page.tsx";

export const incidentRoutes: RouteObject[] = [
  { path: "incidents", element: <IncidentsPage /> },
  { path: "incidents/new", element: <ReportIncidentPage /> },
  { path: "incidents/:id", element: <IncidentPage /> },
];
