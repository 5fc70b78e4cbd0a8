// What the signed-in person may do in the federation of aggregates, as core's federationPolicy
// decides it (the rule the server applies); kept apart from the page so that the assistance page's
// link to it loads only this.
import { type Actor, federationPolicy } from "@bulwark/core";
import { useMe } from "../app/auth.tsx";

export function useFederationAbilities() {
  const me = useMe();
  const actor: Actor = {
    userId: me.id,
    organisationId: me.organisation.id,
    organisationKind: me.organisation.kind,
    roles: me.roles,
  };
  const speakForState = federationPolicy.speakForState(actor).allowed;
  const managePeers = federationPolicy.managePeers(actor).allowed;
  const readRegional = federationPolicy.readRegional(actor).allowed;
  return { speakForState, managePeers, readRegional, any: speakForState || managePeers || readRegional };
}
