// Who sees expert profiles, questions and discussion posts, and who may change them. Experts choose
// who sees their profile: their own organisation, the organisations sharing a community with
// theirs, or every signed-in user. Questions are asked of the whole platform or of the asker's
// communities only. A discussion on a compendium entry is seen exactly by those who see the entry
// (compendiumPolicy). Oversight (platform administrators and auditors) sees everything. Each rule
// is written once here as a predicate over plain facts; the database compiles the same rule into
// SQL from the audience returned by the scope functions.
import { type Actor, hasRole, isPlatformAdmin } from "./actor.ts";
import { isCompendiumModerator } from "./compendium-policy.ts";
import { allow, type Decision, deny } from "./decision.ts";

export const PROFILE_VISIBILITIES = ["organisation", "communities", "platform"] as const;
export type ProfileVisibility = (typeof PROFILE_VISIBILITIES)[number];

export const QUESTION_VISIBILITIES = ["communities", "platform"] as const;
export type QuestionVisibility = (typeof QUESTION_VISIBILITIES)[number];

/**
 * Whose audience rules apply: `all` for oversight, otherwise the reader's own user and
 * organisation, which SQL compares with the owner's and with shared communities.
 */
export type AudienceScope =
  | { readonly kind: "all" }
  | { readonly kind: "audience"; readonly userId: string; readonly organisationId: string };

/** Facts about who owns a thing and who the owner opened it to. */
export interface AudienceFacts {
  readonly ownerId: string;
  readonly organisationId: string;
  readonly visibility: ProfileVisibility | QuestionVisibility;
}

/** What the reader's organisation shares with the owner's (looked up by the caller). */
export interface Relation {
  readonly sharesCommunity: boolean;
}

const isOversight = (actor: Actor) => isPlatformAdmin(actor) || hasRole(actor, "auditor");
const onlyWatches = (actor: Actor) => actor.roles.every((role) => role === "auditor");

const audienceScope = (actor: Actor): AudienceScope =>
  isOversight(actor)
    ? { kind: "all" }
    : { kind: "audience", userId: actor.userId, organisationId: actor.organisationId };

/**
 * The audience rule itself: the owner, then by visibility. "communities" includes the owner's own
 * organisation, since it is wider than "organisation".
 */
export function inAudience(actor: Actor, thing: AudienceFacts, relation: Relation): boolean {
  if (isOversight(actor) || thing.ownerId === actor.userId) return true;
  const sameOrganisation = thing.organisationId === actor.organisationId;
  switch (thing.visibility) {
    case "platform":
      return true;
    case "communities":
      return sameOrganisation || relation.sharesCommunity;
    case "organisation":
      return sameOrganisation;
  }
}

export interface QuestionFacts {
  readonly askerId: string;
  readonly status: string;
}

export interface PostFacts {
  readonly authorId: string;
  readonly state: string;
}

export const expertsPolicy = {
  /** Profiles: by the visibility each expert chose. */
  profileScope: audienceScope,
  /** Questions: by the visibility the asker chose. */
  questionScope: audienceScope,
  readProfile: (actor: Actor, profile: AudienceFacts, relation: Relation): Decision =>
    inAudience(actor, profile, relation) ? allow : deny("This expert does not share their profile with you."),
  /** Opt in, edit or withdraw: only one's own profile, and not as a watcher. */
  keepProfile: (actor: Actor): Decision =>
    onlyWatches(actor) ? deny("Auditors read the expert network but do not join it.") : allow,
  ask: (actor: Actor): Decision =>
    onlyWatches(actor) ? deny("Auditors read questions but do not ask them.") : allow,
  /** Post in a discussion one may read (reading is checked first, by the SQL scope). */
  post: (actor: Actor): Decision =>
    onlyWatches(actor) ? deny("Auditors read discussions but do not take part.") : allow,
  /** Accept an answer: the asker, or a compendium moderator. */
  accept: (actor: Actor, question: QuestionFacts): Decision =>
    question.askerId === actor.userId || isCompendiumModerator(actor)
      ? allow
      : deny("Only the person who asked, or a compendium moderator, accepts an answer."),
  /** Edit or delete a post: its author, while it is neither removed nor hidden. */
  changePost: (actor: Actor, post: PostFacts): Decision => {
    if (post.authorId !== actor.userId) return deny("Only the author edits or deletes a post.");
    if (post.state !== "visible") return deny("This post was removed or hidden.");
    return allow;
  },
  /** Hide a post from everyone: the compendium's moderators. */
  hidePost: (actor: Actor): Decision =>
    isCompendiumModerator(actor) ? allow : deny("Only the compendium's moderators hide posts."),
};
