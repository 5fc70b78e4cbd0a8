// Risk assessment's pages, mounted under the signed-in shell by the app's router.
import type { RouteObject } from "react-router";
import { NewAssessmentPage, ReviseAssessmentPage } from "./assessment-editor-pages.tsx";
import { AssessmentPage } from "./assessment-page.tsx";
import { MethodologyPage } from "./methodology-page.tsx";
import { RegisterPage } from "./register-page.tsx";
import { ScenariosPage } from "./scenarios-page.tsx";

export { prepareRegisterPage } from "./register-page.tsx";

export const riskRoutes: RouteObject[] = [
  { path: "risk", element: <RegisterPage /> },
  { path: "risk/new", element: <NewAssessmentPage /> },
  { path: "risk/scenarios", element: <ScenariosPage /> },
  { path: "risk/methodology", element: <MethodologyPage /> },
  { path: "risk/:id", element: <AssessmentPage /> },
  { path: "risk/:id/revise", element: <ReviseAssessmentPage /> },
];
