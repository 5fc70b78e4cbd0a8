// Who sees and runs an exercise. The organisations taking part see it, each in its role; the owning
// organisation is its controller. Controllers and evaluators see all of it (the whole MSEL with
// each inject's status, the scenario's ground truth, the observations); players see the exercise
// and only the injects delivered to their organisation by the clock. Nobody else learns it exists.
// The database compiles the same rule (packages/db/src/repositories/exercises.ts).
import type { Actor } from "../policy/actor.ts";
import { allow, type Decision, deny } from "../policy/decision.ts";
import type { Role } from "../vocabulary.ts";
import type { ExerciseRole, ExerciseStatus } from "./vocabulary.ts";

/** Roles that design and run an exercise for their organisation. */
export const EXERCISE_DESIGNER_ROLES: readonly Role[] = ["organisation-admin", "coordinator"];

export interface ExerciseFacts {
  readonly ownerOrganisationId: string;
  readonly status: ExerciseStatus;
  readonly participants: readonly { readonly organisationId: string; readonly role: ExerciseRole }[];
}

export interface ExerciseAbilities {
  readonly maySee: boolean;
  /** The caller's organisation's role in the exercise (the owner's is controller). */
  readonly role: ExerciseRole | null;
  /** The whole MSEL with statuses, the scenario's cascade, every observation. */
  readonly seesAll: boolean;
  /** Write the MSEL, run the clock, record corrective actions: a designer of a controller organisation. */
  readonly control: boolean;
  /** Record observations: anyone of an evaluator or controller organisation but a mere auditor. */
  readonly observe: boolean;
}

const designs = (actor: Actor) => actor.roles.some((role) => EXERCISE_DESIGNER_ROLES.includes(role));
const onlyWatches = (actor: Actor) => actor.roles.every((role) => role === "auditor");

/** The role of `organisationId` in the exercise, or null when it takes no part. */
export function exerciseRoleOf(facts: ExerciseFacts, organisationId: string): ExerciseRole | null {
  if (organisationId === facts.ownerOrganisationId) return "controller";
  return facts.participants.find((p) => p.organisationId === organisationId)?.role ?? null;
}

export function exerciseAbilities(actor: Actor, facts: ExerciseFacts): ExerciseAbilities {
  const role = exerciseRoleOf(facts, actor.organisationId);
  if (role === null) return { maySee: false, role, seesAll: false, control: false, observe: false };
  const seesAll = role === "controller" || role === "evaluator";
  return {
    maySee: true,
    role,
    seesAll,
    control: role === "controller" && designs(actor),
    observe: seesAll && !onlyWatches(actor),
  };
}

export const exercisePolicy = {
  /** Plan an exercise owned by the caller's organisation. */
  create: (actor: Actor): Decision =>
    designs(actor) ? allow : deny("Only administrators and coordinators of an organisation plan exercises."),
  control: (abilities: ExerciseAbilities): Decision =>
    abilities.control
      ? allow
      : deny("Only coordinators and administrators of a controlling organisation run this exercise."),
  /**
   * Add or take away participating organisations, or change their role: controllers, before and
   * during conduct (a completed exercise's cast is part of its record).
   */
  editParticipants: (abilities: ExerciseAbilities, status: ExerciseStatus): Decision => {
    const controls = exercisePolicy.control(abilities);
    if (!controls.allowed) return controls;
    return status === "completed"
      ? deny("The exercise is completed: its participants no longer change.")
      : allow;
  },
  /**
   * Answer in exercise mode with Bulwark's own tools (file an incident marked as an exercise):
   * players and controllers, but a mere auditor, while the exercise runs or pauses.
   */
  respond: (abilities: ExerciseAbilities, status: ExerciseStatus, actor: Actor): Decision => {
    if (abilities.role !== "player" && abilities.role !== "controller")
      return deny("Only players and controllers answer in the exercise.");
    if (onlyWatches(actor)) return deny("Auditors watch; they do not answer in the exercise.");
    return status === "running" || status === "paused"
      ? allow
      : deny("Answers are filed while the exercise runs or pauses.");
  },
  /**
   * Whether an organisation sees an incident filed in exercise mode: only while it takes part in
   * the exercise (beside the incident's own TLP rule). The SQL twin: visibleIncidents.
   */
  seesExerciseIncident: (facts: ExerciseFacts, organisationId: string): boolean =>
    exerciseRoleOf(facts, organisationId) !== null,
  /** Change the MSEL: controllers, before the exercise is completed. */
  editMsel: (abilities: ExerciseAbilities, status: ExerciseStatus): Decision => {
    const controls = exercisePolicy.control(abilities);
    if (!controls.allowed) return controls;
    return status === "completed" ? deny("The exercise is completed: its MSEL no longer changes.") : allow;
  },
  /**
   * Rewrite or remove an inject: as for changing the MSEL, and only before the clock delivers it
   * (a delivered inject is part of the exercise's record: players have read it).
   */
  changeInject: (abilities: ExerciseAbilities, status: ExerciseStatus, delivered: boolean): Decision => {
    const edits = exercisePolicy.editMsel(abilities, status);
    if (!edits.allowed) return edits;
    return delivered ? deny("The inject has been delivered: it is part of the exercise's record.") : allow;
  },
  /** Read the observations, the ground truth and the after-action report: controllers and evaluators. */
  evaluate: (abilities: ExerciseAbilities): Decision =>
    abilities.seesAll ? allow : deny("Only controllers and evaluators read the exercise's evaluation."),
  /**
   * Take the exercise's design away (its package file, its tabletop pack to print): controllers and
   * evaluators, who see the whole MSEL; players would learn injects before their time.
   */
  share: (abilities: ExerciseAbilities): Decision =>
    abilities.seesAll
      ? allow
      : deny(
          "Only controllers and evaluators take the exercise's design away (its package and tabletop pack).",
        ),
  /** Record an observation: evaluators and controllers, while the exercise runs, pauses or just ended. */
  observe: (abilities: ExerciseAbilities, status: ExerciseStatus): Decision => {
    if (!abilities.observe) return deny("Only evaluators and controllers record observations.");
    return status === "planning" ? deny("The exercise has not started: nothing to observe yet.") : allow;
  },
};

/**
 * Multi-year exercise programmes: an organisation's own plan, drawn from its own gaps and risks.
 * Its designers make one; its people read it; nobody else learns it exists (the SQL twin filters
 * on the owning organisation: packages/db programmesOf).
 */
export const exerciseProgrammePolicy = {
  create: (actor: Actor): Decision =>
    designs(actor)
      ? allow
      : deny("Only administrators and coordinators of an organisation make its exercise programme."),
  /** Change or remove one of the organisation's programmes (the SQL scopes it to the owner). */
  change: (actor: Actor): Decision =>
    designs(actor)
      ? allow
      : deny("Only administrators and coordinators of an organisation change its exercise programme."),
  /** The organisation whose programmes the actor reads. */
  readScope: (actor: Actor): { organisationId: string } => ({ organisationId: actor.organisationId }),
};
