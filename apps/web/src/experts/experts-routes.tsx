// The expert network's pages, mounted under the signed-in shell by the app's router.
import type { RouteObject } from "react-router";
import { ExpertPage } from "./expert-page.tsx";
import { ExpertsPage } from "./experts-page.tsx";
import { MyProfilePage } from "./my-profile-page.tsx";
import { QuestionPage } from "./question-page.tsx";
import { QuestionsPage } from "./questions-page.tsx";

export { prepareExpertsPage } from "./experts-page.tsx";

export const expertsRoutes: RouteObject[] = [
  { path: "experts", element: <ExpertsPage /> },
  { path: "experts/me", element: <MyProfilePage /> },
  { path: "experts/questions", element: <QuestionsPage /> },
  { path: "experts/questions/:id", element: <QuestionPage /> },
  { path: "experts/:userId", element: <ExpertPage /> },
];
