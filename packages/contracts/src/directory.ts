// Organisations, users and communities: the people of a national critical-infrastructure community.
import { z } from "zod";
import {
  CountryCode,
  Email,
  Id,
  Name,
  OrganisationKind,
  Password,
  Role,
  Sector,
  Timestamp,
} from "./common.ts";

export const Organisation = z
  .object({
    id: Id,
    name: z.string(),
    shortName: z.string().nullable(),
    kind: OrganisationKind,
    country: CountryCode,
    sectors: z.array(Sector),
    website: z.string().nullable(),
    verified: z
      .boolean()
      .describe("Vouched for by a platform administrator (counts in anonymised comparisons)."),
    userCount: z.number().int().describe("Accounts in this organisation."),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: "Organisation" });
export type Organisation = z.infer<typeof Organisation>;

// Updates are partial and carry no defaults: a field left out stays as it is (zod 4 applies
// defaults even under .partial(), so the create schemas add them separately).
const organisationFields = {
  name: Name(200),
  shortName: Name(40).nullable(),
  kind: OrganisationKind,
  country: CountryCode,
  sectors: z.array(Sector).max(40),
  website: z
    .url({ protocol: /^https?$/ })
    .max(500)
    .nullable(),
  verified: z.boolean(),
};

export const OrganisationCreate = z.object({
  ...organisationFields,
  shortName: organisationFields.shortName.optional(),
  sectors: organisationFields.sectors.default([]),
  website: organisationFields.website.optional(),
  verified: organisationFields.verified.default(false),
});
export type OrganisationCreate = z.input<typeof OrganisationCreate>;
export const OrganisationUpdate = z
  .object(organisationFields)
  .partial()
  .refine((value) => Object.keys(value).length > 0, {
    message: "Give at least one field to change.",
  });
export type OrganisationUpdate = z.input<typeof OrganisationUpdate>;

export const User = z
  .object({
    id: Id,
    email: z.string(),
    name: z.string(),
    organisationId: Id,
    organisationName: z.string(),
    roles: z.array(Role),
    active: z.boolean(),
    totpEnabled: z.boolean(),
    lastSignInAt: Timestamp.nullable(),
    createdAt: Timestamp,
  })
  .meta({ id: "User" });
export type User = z.infer<typeof User>;

export const UserCreate = z.object({
  email: Email,
  name: Name(200),
  organisationId: Id,
  roles: z.array(Role).min(1, "Give at least one role.").max(6),
  password: Password.optional().describe("Absent: a random one is generated and returned once."),
});
export type UserCreate = z.input<typeof UserCreate>;
export const UserCreated = User.extend({
  initialPassword: z
    .string()
    .nullable()
    .describe("The generated password, shown this once; null if one was given."),
});
export const UserUpdate = z
  .object({
    name: Name(200),
    organisationId: Id,
    roles: z.array(Role).min(1).max(6),
    active: z
      .boolean()
      .describe("false: the account can no longer sign in and its sessions and tokens stop."),
  })
  .partial()
  .refine((value) => Object.keys(value).length > 0, { message: "Give at least one field to change." });
export type UserUpdate = z.input<typeof UserUpdate>;
export const PasswordReset = z.object({
  password: Password.optional().describe("Absent: a random one is generated and returned once."),
});
export const PasswordResetDone = z.object({ password: z.string().nullable() });
export const UserQuery = z.object({ organisationId: Id.optional() });

const Member = z.object({ id: Id, name: z.string() });
export const InvitationState = z.enum(["pending", "accepted", "declined", "withdrawn"]);
export const CommunityInvitation = z
  .object({
    id: Id,
    community: z.object({ id: Id, name: z.string(), description: z.string() }),
    organisation: Member,
    state: InvitationState,
    createdAt: Timestamp,
    decidedAt: Timestamp.nullable(),
  })
  .meta({ id: "CommunityInvitation" });
export type CommunityInvitation = z.infer<typeof CommunityInvitation>;
export const Community = z
  .object({
    id: Id,
    name: z.string(),
    description: z.string(),
    organisations: z.array(Member),
    moderators: z.array(Member),
    invited: z
      .array(Member.extend({ invitationId: Id }))
      .describe("Organisations invited and not yet decided: they are not members until they accept."),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: "Community" });
export type Community = z.infer<typeof Community>;
const communityFields = {
  name: Name(200),
  description: z.string().trim().max(4000),
  organisationIds: z
    .array(Id)
    .max(1000)
    .describe(
      "Members. Organisations added by anyone but a platform administrator are invited: they join when one of their administrators accepts.",
    ),
  moderatorIds: z.array(Id).max(100).describe("Absent at creation: the creator moderates."),
};
export const CommunityCreate = z.object({
  name: communityFields.name,
  description: communityFields.description.default(""),
  organisationIds: communityFields.organisationIds.default([]),
  moderatorIds: communityFields.moderatorIds.default([]),
});
export type CommunityCreate = z.input<typeof CommunityCreate>;
export const CommunityUpdate = z
  .object(communityFields)
  .partial()
  .refine((value) => Object.keys(value).length > 0, {
    message: "Give at least one field to change.",
  });
export type CommunityUpdate = z.input<typeof CommunityUpdate>;

export const InvitationCreate = z.object({ organisationId: Id });
export const InvitationDecision = z.object({ decision: z.enum(["accept", "decline"]) });
export const InvitationQuery = z.object({
  state: InvitationState.optional().describe("Absent: pending ones."),
  organisationId: Id.optional().describe("Platform administrators: another organisation's."),
});
export const CommunityOrganisationParams = z.object({ id: Id, organisationId: Id });
