// Demo items shared between Meridia's agencies and operators (a fictional country): one per
// marking, an AMBER alert to the energy community awaiting acknowledgement, a public (CLEAR) alert
// with its CAP warning, and an item of Meridia Grid (which asks for four eyes) awaiting its second
// person. Loaded once, with stable ids.
import type { AlertWarning, SharingAudience } from "@bulwark/core";
import {
  acknowledgeSharedItem,
  appendAudit,
  insertSharedItem,
  readSetting,
  replaceAuthorAudience,
  schema,
  updateSharedItem,
  writeFourEyes,
  writeSetting,
} from "@bulwark/db";
import { inArray } from "drizzle-orm";
import type { ServerContext } from "../context.ts";
import { type PublicTexts, publicTextsOf } from "./personal-data.service.ts";
import { mirrorSharedItem } from "./stix-mirror.ts";

const SEEDED = "demo.sharing";
const HOUR = 3_600_000;

interface DemoItem {
  author: string;
  type: "alert" | "report" | "incident-notice" | "indicator";
  tlp: "clear" | "green" | "amber" | "amber+strict" | "red";
  status: "published" | "awaiting-approval";
  title: string;
  body: string;
  sectors: string[];
  assetRefs?: string[];
  communities?: string[];
  organisations?: string[];
  people?: string[];
  hoursAgo: number;
  acknowledgements?: [string, "received" | "acted"][];
  /** Indicators: a STIX 2.1 pattern (reserved example domains and documentation addresses only). */
  pattern?: string;
  /** Alerts: the CAP warning (expires counted in hours after it went out). */
  warning?: Omit<AlertWarning, "expires"> & { expiresAfterHours: number | null };
}

const ITEMS: DemoItem[] = [
  {
    author: "tomas.varga@ncipa.meridia.example",
    type: "alert",
    tlp: "amber",
    status: "published",
    title: "Night-time drone overflights at 161 kV substations",
    body: "Operators in the north-west report small drones hovering over two transmission substations between 01:00 and 03:00 on three nights this week.\n\n**Asked of operators:** review perimeter camera footage for the same nights, report any further sighting to the national authority, and confirm receipt of this alert.",
    sectors: ["energy-electricity"],
    assetRefs: ["XM-EL-SUB-0001", "XM-EL-SUB-0004"],
    communities: ["Energy sector – national"],
    hoursAgo: 5,
    acknowledgements: [["fatima.nasser@meridiagrid.example", "received"]],
    warning: {
      categories: ["Security", "Infra"],
      event: "Drone overflights of substations",
      urgency: "Expected",
      severity: "Moderate",
      certainty: "Observed",
      instruction:
        "Review perimeter camera footage for the nights concerned, report any further sighting to the national authority, and confirm receipt of this alert.",
      expiresAfterHours: 7 * 24,
      language: "en",
      area: {
        description: "Ulohaven 1 and Kestrava 1 161 kV substations (north-west)",
        fromAssets: true,
        assetRadiusKm: 2,
        polygons: [],
        circles: [],
      },
    },
  },
  {
    author: "priya.raman@ncipa.meridia.example",
    type: "report",
    tlp: "green",
    status: "published",
    title: "Quarterly bulletin: signs of hostile reconnaissance at crowded venues",
    body: "A summary of suspicious-activity reports received this quarter from venues, stations and the port: repeated photography of entrances and staff doors, questions to staff about shift changes, and vehicles parked for long periods near barriers.\n\nShare within your community; not for public channels.",
    sectors: ["commercial-facilities", "transport-public"],
    communities: ["Transport and crowded places"],
    hoursAgo: 30,
  },
  {
    author: "fatima.nasser@meridiagrid.example",
    type: "indicator",
    tlp: "amber+strict",
    status: "published",
    title: "Phishing domains imitating our supplier portal",
    body: "Staff received e-mails linking to look-alike domains of our supplier portal. Block and watch for:\n\n- `supplier-portal-meridiagrid.example`\n- `meridiagrid-vendors.example`\n\nKeep within your own organisation.",
    pattern:
      "[domain-name:value = 'supplier-portal-meridiagrid.example' OR domain-name:value = 'meridiagrid-vendors.example']",
    sectors: ["energy-electricity"],
    organisations: [
      "National Critical Infrastructure Protection Authority",
      "Meridia Energy Information Sharing and Analysis Centre",
    ],
    hoursAgo: 50,
  },
  {
    author: "daniel.okoro@ctu.police.meridia.example",
    type: "incident-notice",
    tlp: "red",
    status: "published",
    title: "Ongoing inquiry: access badge reported stolen at a chemical site",
    body: "An inquiry is open into an access badge reported stolen at a chemical site. Named recipients only: do not pass on. Further details follow by secure call from the unit's duty desk, [[pii:Inspector R. Vale]], on +999 21 555 0100.",
    sectors: ["chemical"],
    people: ["tomas.varga@ncipa.meridia.example", "meilin.zhou@crisis.interior.meridia.example"],
    hoursAgo: 20,
  },
  {
    author: "amira.haddad@ncipa.meridia.example",
    type: "report",
    tlp: "clear",
    status: "published",
    title: "Public guidance: reporting suspicious activity near infrastructure sites",
    body: "Anyone may pass this on. If you see people photographing security measures, testing gates or flying drones near an infrastructure site, note the time and place and call the emergency number; do not approach them.",
    sectors: ["government-services"],
    hoursAgo: 72,
  },
  {
    author: "amira.haddad@ncipa.meridia.example",
    type: "alert",
    tlp: "clear",
    status: "published",
    title: "Public alert: drone sightings near the Port Aster waterfront",
    body: "Residents and workers have reported small drones flying low over the Port Aster waterfront after dark. Anyone may pass this on.",
    sectors: ["transport-water"],
    hoursAgo: 8,
    warning: {
      categories: ["Security"],
      event: "Drone sightings near critical sites",
      urgency: "Expected",
      severity: "Minor",
      certainty: "Possible",
      instruction:
        "Do not approach anyone flying a drone. Note the time and place and call the emergency number.",
      expiresAfterHours: 3 * 24,
      language: "en",
      area: {
        description: "Port Aster waterfront and port district",
        fromAssets: false,
        assetRadiusKm: 1,
        polygons: [
          [
            { lat: -22.95, lon: -18.52 },
            { lat: -22.95, lon: -18.34 },
            { lat: -23.07, lon: -18.34 },
            { lat: -23.07, lon: -18.52 },
          ],
        ],
        circles: [],
      },
    },
  },
  {
    author: "fatima.nasser@meridiagrid.example",
    type: "alert",
    tlp: "amber",
    status: "awaiting-approval",
    title: "Planned switching at Ulohaven substation: expect more patrols",
    body: "Heavier security presence during planned switching next week. Awaiting approval by a second person of Meridia Grid before it goes out.",
    sectors: ["energy-electricity"],
    assetRefs: ["XM-EL-SUB-0001"],
    communities: ["Energy sector – national"],
    hoursAgo: 1,
    warning: {
      categories: ["Infra", "Security"],
      event: "Planned switching with more security patrols",
      urgency: "Future",
      severity: "Minor",
      certainty: "Likely",
      instruction: null,
      expiresAfterHours: 10 * 24,
      language: "en",
      area: {
        description: "Ulohaven 1 161 kV substation",
        fromAssets: true,
        assetRadiusKm: 1,
        polygons: [],
        circles: [],
      },
    },
  },
];

const demoWarning = ({ expiresAfterHours, ...warning }: NonNullable<DemoItem["warning"]>, at: Date) => ({
  ...warning,
  expires:
    expiresAfterHours === null ? null : new Date(at.getTime() + expiresAfterHours * HOUR).toISOString(),
});

export async function seedSharingDemo(context: ServerContext): Promise<void> {
  if (await readSetting(context.db, SEEDED)) return;
  const db = context.db;
  const emails = [
    ...new Set(
      ITEMS.flatMap((item) => [
        item.author,
        ...(item.people ?? []),
        ...(item.acknowledgements ?? []).map(([e]) => e),
      ]),
    ),
  ];
  const people = await db
    .select({ id: schema.users.id, email: schema.users.email, organisationId: schema.users.organisationId })
    .from(schema.users)
    .where(inArray(schema.users.email, emails));
  // Not the demo country (another data set was loaded): nothing to share.
  if (people.length !== emails.length) return;
  const person = (email: string) => {
    const found = people.find((p) => p.email === email);
    if (!found) throw new Error(`The sharing demo names an unknown person: ${email}`);
    return found;
  };
  const byName = async <T extends { id: string; name: string }>(rows: T[], names: string[]) =>
    names.map((name) => {
      const found = rows.find((row) => row.name === name);
      if (!found) throw new Error(`The sharing demo names an unknown recipient: ${name}`);
      return found.id;
    });
  const communities = await db
    .select({ id: schema.communities.id, name: schema.communities.name })
    .from(schema.communities);
  const organisations = await db
    .select({ id: schema.organisations.id, name: schema.organisations.name })
    .from(schema.organisations);
  const assets = await db.select({ id: schema.assets.id, ref: schema.assets.ref }).from(schema.assets);
  const now = context.clock();
  const warningAt = (item: (typeof ITEMS)[number]) =>
    item.warning ? demoWarning(item.warning, new Date(now.getTime() - item.hoursAgo * HOUR)) : null;
  // Made before the transaction: the pseudonym key is read outside it.
  const publicTexts: PublicTexts[] = [];
  for (const item of ITEMS)
    publicTexts.push(
      await publicTextsOf(context, person(item.author).organisationId, { ...item, warning: warningAt(item) }),
    );
  await db.transaction(async (tx) => {
    await writeFourEyes(tx, person("fatima.nasser@meridiagrid.example").organisationId, true, now);
    for (const [index, item] of ITEMS.entries()) {
      const author = person(item.author);
      const at = new Date(now.getTime() - item.hoursAgo * HOUR);
      const texts = publicTexts[index];
      if (!texts) throw new Error("The sharing demo lost an item's public texts.");
      const audience: SharingAudience = {
        communityIds: await byName(communities, item.communities ?? []),
        organisationIds: await byName(organisations, item.organisations ?? []),
        userIds: (item.people ?? []).map((email) => person(email).id),
      };
      const id = await insertSharedItem(tx, {
        type: item.type,
        title: item.title,
        body: item.body,
        ...texts,
        personalDataRoles: [],
        sectors: item.sectors,
        assetIds: assets.filter((asset) => item.assetRefs?.includes(asset.ref)).map((asset) => asset.id),
        tlp: item.tlp,
        revealAudience: false,
        warning: warningAt(item),
        pattern: item.pattern ?? null,
        authorId: author.id,
        authorOrganisationId: author.organisationId,
        now: at,
      });
      await replaceAuthorAudience(tx, id, audience);
      await updateSharedItem(tx, id, {
        status: item.status,
        ...(item.status === "published"
          ? { publishedAt: at, ...(item.type === "alert" ? { capMessage: true as const } : {}) }
          : {}),
        now: at,
      });
      await mirrorSharedItem(tx, id, at);
      for (const [email, state] of item.acknowledgements ?? []) {
        const reader = person(email);
        await acknowledgeSharedItem(tx, {
          itemId: id,
          userId: reader.id,
          organisationId: reader.organisationId,
          state,
          now: new Date(at.getTime() + HOUR),
        });
      }
      await appendAudit(
        tx,
        {
          actorId: null,
          action: "sharing.compose",
          targetType: "shared-item",
          targetId: id,
          details: { source: "demo-country", type: item.type, tlp: item.tlp, status: item.status },
        },
        now,
      );
    }
    await writeSetting(tx, SEEDED, { at: now.toISOString(), items: ITEMS.length }, now);
  });
}
