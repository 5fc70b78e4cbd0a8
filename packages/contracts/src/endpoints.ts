// Every HTTP endpoint of the API, once: the server registers its routes from this table (so
// validation and the OpenAPI document come from the same schemas) and the typed client calls it.
import { z } from "zod";
import { AuditPage, AuditQuery, AuditVerification, Health } from "./audit.ts";
import {
  ChangePassword,
  LoginRequest,
  Me,
  TokenCreate,
  TokenCreated,
  TokenSummary,
  TotpCode,
  TotpSetup,
} from "./auth.ts";
import { IdParams, OrganisationKind, Page, PageQuery, Sector } from "./common.ts";
import {
  Community,
  CommunityCreate,
  CommunityUpdate,
  Organisation,
  OrganisationCreate,
  OrganisationUpdate,
  PasswordReset,
  PasswordResetDone,
  User,
  UserCreate,
  UserCreated,
  UserQuery,
  UserUpdate,
} from "./directory.ts";
import {
  Asset,
  AssetCreate,
  AssetDependencies,
  AssetFeatureCollection,
  AssetQuery,
  AssetUpdate,
  CascadeReport,
  CascadeRequest,
  CriticalityQuery,
  CriticalityReport,
  Dependency,
  DependencyCreate,
  ImportReport,
  RegistryFiles,
} from "./registry.ts";

export interface EndpointDef {
  readonly method: "GET" | "POST" | "PATCH" | "DELETE";
  /** Fastify-style path; `:name` segments come from `params`. */
  readonly path: string;
  readonly summary: string;
  readonly tag:
    | "system"
    | "auth"
    | "me"
    | "organisations"
    | "users"
    | "communities"
    | "audit"
    | "registry"
    | "analysis";
  /** public: anyone; user: a signed-in user or an API token. */
  readonly auth: "public" | "user";
  readonly params?: z.ZodObject;
  readonly query?: z.ZodObject;
  readonly body?: z.ZodType;
  readonly status: 200 | 201 | 204;
  /** Absent for 204 No Content. */
  readonly response?: z.ZodType;
  /** Largest request body accepted, in bytes (default 1 MiB). */
  readonly bodyLimit?: number;
}

const OrganisationQuery = PageQuery.extend({ kind: OrganisationKind.optional(), sector: Sector.optional() });

export const endpoints = {
  health: {
    method: "GET",
    path: "/api/health",
    summary: "Is the service up, and its database?",
    tag: "system",
    auth: "public",
    status: 200,
    response: Health,
  },
  login: {
    method: "POST",
    path: "/api/auth/login",
    summary: "Sign in with e-mail and password (and a TOTP code when enabled); sets the session cookie.",
    tag: "auth",
    auth: "public",
    body: LoginRequest,
    status: 200,
    response: Me,
  },
  logout: {
    method: "POST",
    path: "/api/auth/logout",
    summary: "End the current session.",
    tag: "auth",
    auth: "user",
    status: 204,
  },
  me: {
    method: "GET",
    path: "/api/me",
    summary: "The signed-in user.",
    tag: "me",
    auth: "user",
    status: 200,
    response: Me,
  },
  changePassword: {
    method: "POST",
    path: "/api/me/password",
    summary: "Change your password; ends your other sessions.",
    tag: "me",
    auth: "user",
    body: ChangePassword,
    status: 204,
  },
  totpSetup: {
    method: "POST",
    path: "/api/me/totp",
    summary: "Start two-factor set-up: returns a new secret to confirm with a code.",
    tag: "me",
    auth: "user",
    status: 201,
    response: TotpSetup,
  },
  totpConfirm: {
    method: "POST",
    path: "/api/me/totp/confirm",
    summary: "Turn two-factor sign-in on by giving a current code.",
    tag: "me",
    auth: "user",
    body: TotpCode,
    status: 200,
    response: Me,
  },
  totpDisable: {
    method: "POST",
    path: "/api/me/totp/disable",
    summary: "Turn two-factor sign-in off by giving a current code.",
    tag: "me",
    auth: "user",
    body: TotpCode,
    status: 200,
    response: Me,
  },
  listTokens: {
    method: "GET",
    path: "/api/me/tokens",
    summary: "Your API tokens.",
    tag: "me",
    auth: "user",
    status: 200,
    response: z.array(TokenSummary),
  },
  createToken: {
    method: "POST",
    path: "/api/me/tokens",
    summary: "Create an API token with your rights; the secret is returned this once.",
    tag: "me",
    auth: "user",
    body: TokenCreate,
    status: 201,
    response: TokenCreated,
  },
  revokeToken: {
    method: "DELETE",
    path: "/api/me/tokens/:id",
    summary: "Revoke one of your API tokens.",
    tag: "me",
    auth: "user",
    params: IdParams,
    status: 204,
  },
  listOrganisations: {
    method: "GET",
    path: "/api/organisations",
    summary: "The directory of organisations.",
    tag: "organisations",
    auth: "user",
    query: OrganisationQuery,
    status: 200,
    response: Page(Organisation),
  },
  getOrganisation: {
    method: "GET",
    path: "/api/organisations/:id",
    summary: "One organisation.",
    tag: "organisations",
    auth: "user",
    params: IdParams,
    status: 200,
    response: Organisation,
  },
  createOrganisation: {
    method: "POST",
    path: "/api/organisations",
    summary: "Register an organisation (platform administrators).",
    tag: "organisations",
    auth: "user",
    body: OrganisationCreate,
    status: 201,
    response: Organisation,
  },
  updateOrganisation: {
    method: "PATCH",
    path: "/api/organisations/:id",
    summary: "Change an organisation (platform administrators, or its own administrators).",
    tag: "organisations",
    auth: "user",
    params: IdParams,
    body: OrganisationUpdate,
    status: 200,
    response: Organisation,
  },
  deleteOrganisation: {
    method: "DELETE",
    path: "/api/organisations/:id",
    summary: "Remove an organisation that has no accounts left (platform administrators).",
    tag: "organisations",
    auth: "user",
    params: IdParams,
    status: 204,
  },
  listUsers: {
    method: "GET",
    path: "/api/users",
    summary: "Accounts you may see: your organisation's, or all for oversight roles.",
    tag: "users",
    auth: "user",
    query: PageQuery.extend(UserQuery.shape),
    status: 200,
    response: Page(User),
  },
  getUser: {
    method: "GET",
    path: "/api/users/:id",
    summary: "One account.",
    tag: "users",
    auth: "user",
    params: IdParams,
    status: 200,
    response: User,
  },
  createUser: {
    method: "POST",
    path: "/api/users",
    summary:
      "Create an account (platform administrators; organisation administrators in their organisation).",
    tag: "users",
    auth: "user",
    body: UserCreate,
    status: 201,
    response: UserCreated,
  },
  updateUser: {
    method: "PATCH",
    path: "/api/users/:id",
    summary: "Change an account: name, organisation, roles, active.",
    tag: "users",
    auth: "user",
    params: IdParams,
    body: UserUpdate,
    status: 200,
    response: User,
  },
  resetPassword: {
    method: "POST",
    path: "/api/users/:id/password",
    summary: "Set a new password for an account; ends its sessions.",
    tag: "users",
    auth: "user",
    params: IdParams,
    body: PasswordReset,
    status: 200,
    response: PasswordResetDone,
  },
  listCommunities: {
    method: "GET",
    path: "/api/communities",
    summary: "Communities you may see: your organisation's, or all for oversight roles.",
    tag: "communities",
    auth: "user",
    query: PageQuery,
    status: 200,
    response: Page(Community),
  },
  getCommunity: {
    method: "GET",
    path: "/api/communities/:id",
    summary: "One community with its organisations and moderators.",
    tag: "communities",
    auth: "user",
    params: IdParams,
    status: 200,
    response: Community,
  },
  createCommunity: {
    method: "POST",
    path: "/api/communities",
    summary: "Create a community (platform administrators and coordinators).",
    tag: "communities",
    auth: "user",
    body: CommunityCreate,
    status: 201,
    response: Community,
  },
  updateCommunity: {
    method: "PATCH",
    path: "/api/communities/:id",
    summary: "Change a community, its organisations or moderators (its moderators).",
    tag: "communities",
    auth: "user",
    params: IdParams,
    body: CommunityUpdate,
    status: 200,
    response: Community,
  },
  deleteCommunity: {
    method: "DELETE",
    path: "/api/communities/:id",
    summary: "Remove a community (its moderators).",
    tag: "communities",
    auth: "user",
    params: IdParams,
    status: 204,
  },
  listAudit: {
    method: "GET",
    path: "/api/audit",
    summary: "The audit trail, newest first, filtered (auditors and platform administrators).",
    tag: "audit",
    auth: "user",
    query: AuditQuery,
    status: 200,
    response: AuditPage,
  },
  verifyAudit: {
    method: "GET",
    path: "/api/audit/verify",
    summary: "Check the audit trail's hash chain and report the first broken link.",
    tag: "audit",
    auth: "user",
    status: 200,
    response: AuditVerification,
  },
  listAssets: {
    method: "GET",
    path: "/api/assets",
    summary: "Critical assets you may see (by TLP marking and community), filtered.",
    tag: "registry",
    auth: "user",
    query: AssetQuery,
    status: 200,
    response: Page(Asset),
  },
  getAsset: {
    method: "GET",
    path: "/api/assets/:id",
    summary: "One asset.",
    tag: "registry",
    auth: "user",
    params: IdParams,
    status: 200,
    response: Asset,
  },
  createAsset: {
    method: "POST",
    path: "/api/assets",
    summary: "Register an asset (its operator's editors, or the national authority).",
    tag: "registry",
    auth: "user",
    body: AssetCreate,
    status: 201,
    response: Asset,
  },
  updateAsset: {
    method: "PATCH",
    path: "/api/assets/:id",
    summary: "Change an asset.",
    tag: "registry",
    auth: "user",
    params: IdParams,
    body: AssetUpdate,
    status: 200,
    response: Asset,
  },
  deleteAsset: {
    method: "DELETE",
    path: "/api/assets/:id",
    summary: "Remove an asset and its dependencies.",
    tag: "registry",
    auth: "user",
    params: IdParams,
    status: 204,
  },
  getAssetDependencies: {
    method: "GET",
    path: "/api/assets/:id/dependencies",
    summary: "What an asset depends on and what depends on it (among the assets you may see).",
    tag: "registry",
    auth: "user",
    params: IdParams,
    status: 200,
    response: AssetDependencies,
  },
  createDependency: {
    method: "POST",
    path: "/api/dependencies",
    summary: "Record that an asset depends on another for a service (the dependent's editors).",
    tag: "registry",
    auth: "user",
    body: DependencyCreate,
    status: 201,
    response: Dependency,
  },
  deleteDependency: {
    method: "DELETE",
    path: "/api/dependencies/:id",
    summary: "Remove a dependency.",
    tag: "registry",
    auth: "user",
    params: IdParams,
    status: 204,
  },
  importRegistry: {
    method: "POST",
    path: "/api/registry/import",
    summary:
      "Import assets and dependencies from CSV: all or nothing, every bad row named by file, line and column.",
    tag: "registry",
    auth: "user",
    body: RegistryFiles,
    bodyLimit: 256 * 1024 * 1024,
    status: 200,
    response: ImportReport,
  },
  exportRegistry: {
    method: "GET",
    path: "/api/registry/export",
    summary: "The assets and dependencies you may see, as the two CSV files an import takes.",
    tag: "registry",
    auth: "user",
    status: 200,
    response: RegistryFiles,
  },
  exportGeoJson: {
    method: "GET",
    path: "/api/registry/export.geojson",
    summary: "The assets you may see as GeoJSON, for GIS tools.",
    tag: "registry",
    auth: "user",
    status: 200,
    response: AssetFeatureCollection,
  },
  cascade: {
    method: "POST",
    path: "/api/analysis/cascade",
    summary: "What fails, when and why after an attack on assets or an area (over the assets you may see).",
    tag: "analysis",
    auth: "user",
    body: CascadeRequest,
    status: 200,
    response: CascadeReport,
  },
  criticality: {
    method: "GET",
    path: "/api/analysis/criticality",
    summary: "Assets ranked by what their loss alone takes down; single points of failure flagged.",
    tag: "analysis",
    auth: "user",
    query: CriticalityQuery,
    status: 200,
    response: CriticalityReport,
  },
} as const satisfies Record<string, EndpointDef>;

export type Endpoints = typeof endpoints;
export type EndpointName = keyof Endpoints;

type Params<E> = E extends { params: infer P extends z.ZodType } ? { params: z.input<P> } : unknown;
type Query<E> = E extends { query: infer Q extends z.ZodType } ? { query?: z.input<Q> } : unknown;
type Body<E> = E extends { body: infer B extends z.ZodType } ? { body: z.input<B> } : unknown;
/** What a caller passes for an endpoint. */
export type InputOf<N extends EndpointName> = Params<Endpoints[N]> & Query<Endpoints[N]> & Body<Endpoints[N]>;
/** What an endpoint answers with (undefined for 204). */
export type OutputOf<N extends EndpointName> = Endpoints[N] extends { response: infer R extends z.ZodType }
  ? z.output<R>
  : undefined;
