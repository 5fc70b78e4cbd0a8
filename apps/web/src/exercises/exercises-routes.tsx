// The pages of exercises, mounted under the signed-in shell by the app's router.
import type { RouteObject } from "react-router";
import { NewExercisePage } from "./exercise-form-page.tsx";
import { ExercisePage } from "./exercise-page.tsx";
import { ExercisesPage } from "./exercises-page.tsx";
import { ProgrammesPage } from "./programmes-page.tsx";

export const exerciseRoutes: RouteObject[] = [
  { path: "exercises", element: <ExercisesPage /> },
  { path: "exercises/new", element: <NewExercisePage /> },
  { path: "exercises/programmes", element: <ProgrammesPage /> },
  { path: "exercises/:id", element: <ExercisePage /> },
];
