// The self-assessment's pages, mounted under the signed-in shell by the app's router.
import type { RouteObject } from "react-router";
import { AggregationPage } from "./aggregation-page.tsx";
import { ReportPage } from "./report-page.tsx";
import { ResultsPage } from "./results-page.tsx";
import { RunPage } from "./run-page.tsx";
import { SelfAssessmentPage } from "./self-assessment-page.tsx";

export { prepareSelfAssessmentPage } from "./self-assessment-page.tsx";

export const selfAssessmentRoutes: RouteObject[] = [
  { path: "self-assessment", element: <SelfAssessmentPage /> },
  { path: "self-assessment/aggregation", element: <AggregationPage /> },
  { path: "self-assessment/runs/:id", element: <RunPage /> },
  { path: "self-assessment/runs/:id/results", element: <ResultsPage /> },
  { path: "self-assessment/runs/:id/report", element: <ReportPage /> },
];
