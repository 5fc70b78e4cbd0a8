// Payloads of TAXII subscriptions: a community's collection pulled from a collection on another
// platform (another Bulwark, a regional hub, an ISAC's OpenCTI) on a schedule. Credentials go in
// and never come back out: answers only say whether some are set.
import { z } from "zod";
import { Id, Name, Timestamp } from "./common.ts";

/** Hosts that may be reached over plain HTTP (this machine: tests and local peers). */
const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

export const TaxiiApiRootUrl = z
  .string()
  .trim()
  .max(2000)
  .superRefine((value, context) => {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      context.addIssue({ code: "custom", message: "Must be a URL, e.g. https://hub.example/taxii2/api1/." });
      return;
    }
    if (url.protocol !== "https:" && !(url.protocol === "http:" && LOCAL_HOSTS.has(url.hostname)))
      context.addIssue({
        code: "custom",
        message: "Must be an https:// URL (plain http:// only for localhost and 127.0.0.1).",
      });
    if (url.username || url.password)
      context.addIssue({
        code: "custom",
        message: "Must not carry credentials: give them as the authentication.",
      });
    if (url.search || url.hash)
      context.addIssue({
        code: "custom",
        message: "Must be the API root itself, without ?query or #fragment.",
      });
  })
  .transform((value) => {
    const url = new URL(value);
    if (!url.pathname.endsWith("/")) url.pathname = `${url.pathname}/`;
    return url.toString();
  })
  .describe("The remote TAXII 2.1 API root, e.g. https://hub.example/taxii2/api1/.");

export const TaxiiCollectionId = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .regex(/^[A-Za-z0-9._~:-]+$/, "A TAXII collection id: letters, digits and . _ ~ : - only.")
  .describe("The remote collection's id (TAXII 2.1: usually a UUID).");

export const TaxiiAuth = z
  .discriminatedUnion("kind", [
    z.object({ kind: z.literal("none") }),
    z.object({
      kind: z.literal("basic"),
      username: z.string().min(1).max(500),
      password: z.string().min(1).max(1000),
    }),
    z.object({ kind: z.literal("bearer"), token: z.string().min(1).max(4000) }),
  ])
  .describe("How to sign in to the remote: nothing, HTTP Basic, or a bearer token. Never returned.");
export type TaxiiAuthInput = z.input<typeof TaxiiAuth>;

export const TaxiiAuthKind = z.enum(["none", "basic", "bearer"]);
export const SubscriptionTlp = z
  .enum(["clear", "green", "amber", "amber+strict"])
  .describe("TLP given to objects that arrive without a TLP marking (RED cannot enter a collection).");

/** Minutes between scheduled pulls: from 5 minutes to a week. */
export const SUBSCRIPTION_INTERVAL = { min: 5, max: 10_080 } as const;
export const SubscriptionInterval = z
  .number()
  .int()
  .min(SUBSCRIPTION_INTERVAL.min)
  .max(SUBSCRIPTION_INTERVAL.max)
  .describe("Minutes between scheduled pulls (5 to 10080).");

export const TaxiiSubscriptionCreate = z.object({
  communityId: Id.describe("The community whose collection receives the objects."),
  name: Name(200),
  apiRootUrl: TaxiiApiRootUrl,
  collectionId: TaxiiCollectionId,
  auth: TaxiiAuth,
  defaultTlp: SubscriptionTlp.default("amber"),
  intervalMinutes: SubscriptionInterval.default(60),
  enabled: z.boolean().default(true),
});
export type TaxiiSubscriptionCreateInput = z.input<typeof TaxiiSubscriptionCreate>;

export const TaxiiSubscriptionUpdate = z.object({
  name: Name(200).optional(),
  apiRootUrl: TaxiiApiRootUrl.optional(),
  collectionId: TaxiiCollectionId.optional(),
  auth: TaxiiAuth.optional().describe("New credentials; leave out to keep the ones set."),
  defaultTlp: SubscriptionTlp.optional(),
  intervalMinutes: SubscriptionInterval.optional(),
  enabled: z.boolean().optional(),
});
export type TaxiiSubscriptionUpdateInput = z.input<typeof TaxiiSubscriptionUpdate>;

export const TaxiiSubscriptionQuery = z.object({ communityId: Id.optional() });

const Ref = z.object({ id: Id, name: z.string() });

export const TaxiiRunOutcome = z
  .enum(["ok", "capped", "failed"])
  .describe("ok; capped: stopped at the per-run cap, the rest comes next time; failed: see error.");

export const TaxiiSubscription = z.object({
  id: Id,
  community: Ref,
  name: z.string(),
  apiRootUrl: z.string(),
  collectionId: z.string(),
  authKind: TaxiiAuthKind,
  credentialsSet: z.boolean(),
  defaultTlp: SubscriptionTlp,
  intervalMinutes: z.number().int(),
  enabled: z.boolean(),
  cursor: z.string().nullable().describe("The last date_added stored, sent as added_after."),
  nextRunAt: Timestamp,
  running: z.boolean(),
  lastRun: z
    .object({
      at: Timestamp,
      outcome: TaxiiRunOutcome,
      received: z.number().int(),
      added: z.number().int(),
      duplicates: z.number().int(),
      refused: z.number().int(),
      error: z.string().nullable(),
    })
    .nullable(),
  createdBy: Ref,
  createdAt: Timestamp,
  updatedAt: Timestamp,
  mayManage: z.boolean(),
});
export type TaxiiSubscription = z.infer<typeof TaxiiSubscription>;

export const TaxiiConnectionTest = z.object({
  communityId: Id.describe("The community the subscription is (to be) for."),
  apiRootUrl: TaxiiApiRootUrl,
  collectionId: TaxiiCollectionId,
  auth: TaxiiAuth,
});
export type TaxiiConnectionTestInput = z.input<typeof TaxiiConnectionTest>;

export const TaxiiConnectionReport = z.object({
  ok: z.boolean().describe("The API root speaks TAXII 2.1 and the collection can be read."),
  apiRoot: z
    .object({ title: z.string(), versions: z.array(z.string()) })
    .nullable()
    .describe("What the remote says of its API root."),
  collections: z
    .array(z.object({ id: z.string(), title: z.string(), canRead: z.boolean(), canWrite: z.boolean() }))
    .describe("The collections the remote shows these credentials."),
  collectionFound: z.boolean(),
  canRead: z.boolean(),
  error: z.string().nullable(),
});
export type TaxiiConnectionReport = z.infer<typeof TaxiiConnectionReport>;
