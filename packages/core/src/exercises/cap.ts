// An exercise's inject sent on the CAP channel, as a CAP 1.2 message: status Exercise (so no
// system takes it for a real alert), restricted to the exercise's participants, and saying
// EXERCISE EXERCISE EXERCISE in its note and headline. It is served only to who may read the
// inject and never enters the public CAP feed.
import { type CapMessage, capDateTime } from "../cap/message.ts";
import { EXERCISE_MARK } from "./vocabulary.ts";

export interface ExerciseCapSource {
  readonly exerciseId: string;
  readonly exerciseTitle: string;
  readonly injectId: string;
  /** Who sends it in the exercise's story. */
  readonly senderName: string;
  readonly content: string;
  /** When it reached its recipients (RFC 3339 or a Date). */
  readonly sent: string | Date;
  /** The originator: this installation's host name. */
  readonly sender: string;
}

export function exerciseCapMessage(source: ExerciseCapSource): CapMessage {
  return {
    identifier: `bulwark-exercise-${source.exerciseId}-${source.injectId}`,
    sender: source.sender,
    sent: capDateTime(source.sent),
    status: "Exercise",
    msgType: "Alert",
    scope: "Restricted",
    restriction: `${EXERCISE_MARK}: the participants of the exercise “${source.exerciseTitle}” only.`,
    code: "EXERCISE",
    note: EXERCISE_MARK,
    references: [],
    info: {
      language: "en",
      categories: ["Security"],
      event: `${EXERCISE_MARK}: ${source.exerciseTitle}`,
      urgency: "Unknown",
      severity: "Unknown",
      certainty: "Unknown",
      expires: null,
      senderName: source.senderName,
      headline: `${EXERCISE_MARK} ${source.senderName}`,
      description: `${EXERCISE_MARK}\n\n${source.content}\n\n${EXERCISE_MARK}`,
      instruction: null,
      web: null,
      area: null,
    },
  };
}
