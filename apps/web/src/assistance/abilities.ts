// What the signed-in person may start in technical assistance: record a need of their state's
// organisation, publish an offer of a provider. Core's rule, the one the server applies; kept apart
// from the pages so that the self-assessment and the follow-up tracker load only this.
import { isProvider, isStateOrganisation, worksForOrganisation } from "@bulwark/core";
import { useMe } from "../app/auth.tsx";

export function useAssistanceAbilities() {
  const me = useMe();
  const works = worksForOrganisation({ roles: me.roles });
  return {
    recordNeed: works && isStateOrganisation(me.organisation.kind),
    publishOffer: works && isProvider(me.organisation.kind),
  };
}

/** The address of the need form, pre-filled from a self-assessment gap or a follow-up action. */
export const needFormFrom = (
  source: { kind: "gap"; runId: string; questionId: string } | { kind: "action"; actionId: string },
): string =>
  `/assistance/needs/new?${new URLSearchParams(
    source.kind === "gap"
      ? { from: "gap", runId: source.runId, questionId: source.questionId }
      : { from: "action", actionId: source.actionId },
  )}`;
