// The exercises capability's endpoints (issue 19), spread into the endpoint table in ../endpoints.ts.
// Every one answers 404 for an exercise the caller's organisation takes no part in.
import { IdParams } from "../common.ts";
import type { EndpointDef } from "../endpoint-def.ts";
import {
  ClockChange,
  CorrectiveAction,
  CorrectiveActionCreate,
  CorrectiveActionList,
  Exercise,
  ExerciseCreate,
  ExerciseList,
  ExerciseListQuery,
  ExerciseScenario,
  Inject,
  InjectCreate,
  InjectList,
  Observation,
  ObservationCreate,
  ObservationList,
} from "../exercises.ts";

export const exerciseEndpoints = {
  listExercises: {
    method: "GET",
    path: "/api/exercises",
    summary:
      "The exercises your organisation takes part in (as player, controller or evaluator), most recently changed first.",
    tag: "exercises",
    auth: "user",
    query: ExerciseListQuery,
    status: 200,
    response: ExerciseList,
  },
  createExercise: {
    method: "POST",
    path: "/api/exercises",
    summary:
      "Plan an exercise your organisation controls: its HSEEP type, participants, objectives (each tied to a section of resolution 2341 or a capability) and scenario.",
    tag: "exercises",
    auth: "user",
    body: ExerciseCreate,
    status: 201,
    response: Exercise,
  },
  getExercise: {
    method: "GET",
    path: "/api/exercises/:id",
    summary: "One exercise with its participants, objectives, clock and what you may do.",
    tag: "exercises",
    auth: "user",
    params: IdParams,
    status: 200,
    response: Exercise,
  },
  listExerciseInjects: {
    method: "GET",
    path: "/api/exercises/:id/injects",
    summary:
      "The MSEL. A player's organisation sees the injects addressed to it whose exercise time has come, in order; controllers and evaluators see all of them with their status.",
    tag: "exercises",
    auth: "user",
    params: IdParams,
    status: 200,
    response: InjectList,
  },
  createExerciseInject: {
    method: "POST",
    path: "/api/exercises/:id/injects",
    summary:
      "A controller adds an inject to the MSEL: due time, sender, player recipients, channel, content, expected action, objective.",
    tag: "exercises",
    auth: "user",
    params: IdParams,
    body: InjectCreate,
    status: 201,
    response: Inject,
  },
  changeExerciseClock: {
    method: "POST",
    path: "/api/exercises/:id/clock",
    summary:
      "A controller starts, pauses, resumes (or, running, changes the speed of) or ends the exercise clock; exercise time is real time elapsed while running × speed.",
    tag: "exercises",
    auth: "user",
    params: IdParams,
    body: ClockChange,
    status: 200,
    response: Exercise,
  },
  listExerciseObservations: {
    method: "GET",
    path: "/api/exercises/:id/observations",
    summary:
      "Evaluators' observations against the objectives, with their HSEEP ratings (controllers and evaluators).",
    tag: "exercises",
    auth: "user",
    params: IdParams,
    status: 200,
    response: ObservationList,
  },
  createExerciseObservation: {
    method: "POST",
    path: "/api/exercises/:id/observations",
    summary:
      "An evaluator records an observation against an objective: HSEEP rating (P, S, M, U), strengths, areas for improvement.",
    tag: "exercises",
    auth: "user",
    params: IdParams,
    body: ObservationCreate,
    status: 201,
    response: Observation,
  },
  exerciseScenario: {
    method: "GET",
    path: "/api/exercises/:id/scenario",
    summary:
      "The scenario's ground truth for controllers and evaluators: what fails and when from the attacked assets (the cascade of /api/analysis/cascade, over the registry you may see).",
    tag: "exercises",
    auth: "user",
    params: IdParams,
    status: 200,
    response: ExerciseScenario,
  },
  listExerciseCorrectiveActions: {
    method: "GET",
    path: "/api/exercises/:id/corrective-actions",
    summary: "The improvement plan: the exercise's corrective actions as the follow-up tracker holds them.",
    tag: "exercises",
    auth: "user",
    params: IdParams,
    status: 200,
    response: CorrectiveActionList,
  },
  createExerciseCorrectiveAction: {
    method: "POST",
    path: "/api/exercises/:id/corrective-actions",
    summary:
      "A controller adds a corrective action to the improvement plan: it goes into the follow-up tracker (an event of kind exercise hosted by the owner) with its owner and due date.",
    tag: "exercises",
    auth: "user",
    params: IdParams,
    body: CorrectiveActionCreate,
    status: 201,
    response: CorrectiveAction,
  },
  exerciseAar: {
    method: "GET",
    path: "/api/exercises/:id/aar.pdf",
    summary:
      "The after-action report and improvement plan (AAR/IP) as a PDF: objectives with their ratings and observations, corrective actions; every page says EXERCISE EXERCISE EXERCISE.",
    tag: "exercises",
    auth: "user",
    params: IdParams,
    status: 200,
    file: "application/pdf",
  },
} as const satisfies Record<string, EndpointDef>;
