// Demo incidents of Meridia (a fictional country), so that a newcomer sees both ends of the
// lifecycle: a closed one (sabotage at a 161 kV substation, notified under the EU CER regime, three
// days to full recovery) and an open one (a water treatment plant stopped, being responded to).
// Loaded once, after the registry and the people; times are counted back from the clock.
import {
  appendAudit,
  type IncidentFields,
  insertAssetStatuses,
  insertIncident,
  readSetting,
  schema,
  setIncidentSeverity,
  setIncidentState,
  writeSetting,
} from "@bulwark/db";
import { and, eq, inArray } from "drizzle-orm";
import type { ServerContext } from "../context.ts";

const SEEDED = "demo.incidents";
const HOUR = 3_600_000;

interface DemoIncident {
  filer: string;
  fields: Omit<IncidentFields, "startedAt" | "awareAt">;
  /** Hours before now that it began; awareness this many hours later. */
  startedHoursAgo: number;
  awareAfterHours: number;
  audience: string[];
  /** [asset ref, status, hours after the start] */
  assets: [string, "down" | "degraded" | "restored", number][];
  /** [state, by whom, hours after the start] */
  states: [string, string, number][];
  /** The severity the authority set, hours after the start (the filer's proposal is in fields). */
  severitySet?: [string, number];
}

const INCIDENTS: DemoIncident[] = [
  {
    filer: "fatima.nasser@meridiagrid.example",
    fields: {
      title: "Sabotage at Ulohaven 1 161 kV substation",
      description:
        "The perimeter fence was cut at night and a control cabinet set on fire. Both transformers tripped; Ulohaven 2 was fed from Ulohaven 1 and went down with it until it was rerouted.",
      type: "sabotage",
      regime: "eu-cer-article-15",
      tlp: "amber",
      suspectedCause: "attack",
      threatFamily: "sabotage",
      causeDetails: "Deliberate damage: cut fence, fire in the control cabinet. Police informed.",
      servicesAffected: ["electricity"],
      peopleAffected: null,
      effectsAbroad: [],
      effectsAbroadDetails: "",
      severity: "significant",
    },
    severitySet: ["major", 1],
    startedHoursAgo: 12 * 24,
    awareAfterHours: 0.5,
    audience: [
      "National Critical Infrastructure Protection Authority",
      "Energy and Water Utilities Regulatory Authority",
    ],
    assets: [
      ["XM-EL-SUB-0001", "down", 0],
      ["XM-EL-SUB-0131", "down", 0],
      ["XM-EL-SUB-0131", "restored", 20],
      ["XM-EL-SUB-0001", "degraded", 48],
      ["XM-EL-SUB-0001", "restored", 72],
    ],
    states: [
      ["acknowledged", "tomas.varga@ncipa.meridia.example", 1],
      ["responding", "fatima.nasser@meridiagrid.example", 1.5],
      ["recovering", "fatima.nasser@meridiagrid.example", 20],
      ["closed", "tomas.varga@ncipa.meridia.example", 80],
    ],
  },
  {
    filer: "grace.mwangi@meridiawater.example",
    fields: {
      title: "Marilstad water treatment plant stopped",
      description:
        "The treatment plant's pumps stopped after unexpected commands on its control system. Operators run what they can by hand; the plant is down.",
      type: "cyber",
      regime: "eu-cer-article-15",
      tlp: "amber",
      suspectedCause: "attack",
      threatFamily: "cyber",
      causeDetails: "Commands not issued by the control room; the remote access gateway is being examined.",
      servicesAffected: ["water"],
      peopleAffected: null,
      effectsAbroad: [],
      effectsAbroadDetails: "",
      severity: "major",
    },
    startedHoursAgo: 5,
    awareAfterHours: 0.25,
    audience: ["National Critical Infrastructure Protection Authority"],
    assets: [
      ["XM-WA-WTP-0001", "degraded", 0],
      ["XM-WA-WTP-0001", "down", 1],
    ],
    states: [
      ["acknowledged", "tomas.varga@ncipa.meridia.example", 1],
      ["responding", "grace.mwangi@meridiawater.example", 1.5],
    ],
  },
];

export async function seedIncidentsDemo(context: ServerContext): Promise<void> {
  if (await readSetting(context.db, SEEDED)) return;
  const db = context.db;
  const emails = [
    ...new Set(INCIDENTS.flatMap((incident) => [incident.filer, ...incident.states.map(([, by]) => by)])),
  ];
  const people = await db
    .select({ id: schema.users.id, email: schema.users.email, organisationId: schema.users.organisationId })
    .from(schema.users)
    .where(inArray(schema.users.email, emails));
  // Not the demo country (another data set was loaded): nothing to show.
  if (people.length !== emails.length) return;
  const person = (email: string) => {
    const found = people.find((p) => p.email === email);
    if (!found) throw new Error(`The incidents demo names an unknown person: ${email}`);
    return found;
  };
  const organisations = await db
    .select({ id: schema.organisations.id, name: schema.organisations.name })
    .from(schema.organisations)
    .where(
      inArray(schema.organisations.name, [...new Set(INCIDENTS.flatMap((incident) => incident.audience))]),
    );
  const now = context.clock();
  const resolved: {
    incident: DemoIncident;
    filer: { id: string; organisationId: string };
    assets: Map<string, string>;
    audience: string[];
  }[] = [];
  for (const incident of INCIDENTS) {
    const filer = person(incident.filer);
    const refs = [...new Set(incident.assets.map(([ref]) => ref))];
    const assets = await db
      .select({ id: schema.assets.id, ref: schema.assets.ref })
      .from(schema.assets)
      .where(and(inArray(schema.assets.ref, refs), eq(schema.assets.operatorId, filer.organisationId)));
    const audience = incident.audience.flatMap((name) =>
      organisations.filter((o) => o.name === name).map((o) => o.id),
    );
    // The registry or directory is not Meridia's: leave the incidents out rather than half of them.
    if (assets.length !== refs.length || audience.length !== incident.audience.length) return;
    resolved.push({ incident, filer, assets: new Map(assets.map((a) => [a.ref, a.id])), audience });
  }
  await db.transaction(async (tx) => {
    for (const { incident, filer, assets, audience } of resolved) {
      const start = now.getTime() - incident.startedHoursAgo * HOUR;
      const at = (hours: number) => new Date(start + hours * HOUR);
      const aware = at(incident.awareAfterHours);
      const changes = incident.assets.map(([ref, status, hours]) => ({
        assetId: assets.get(ref) ?? "",
        status,
        at: at(hours),
      }));
      const id = await insertIncident(tx, {
        ...incident.fields,
        startedAt: at(0),
        awareAt: aware,
        filerId: filer.id,
        filerOrganisationId: filer.organisationId,
        audience: { communityIds: [], organisationIds: audience, userIds: [] },
        assets: changes.filter((change) => change.at <= aware),
        now: aware,
      });
      for (const change of changes.filter((c) => c.at > aware))
        await insertAssetStatuses(tx, id, [change], filer.id, change.at);
      // The severity first: each change moves updatedAt, and the states come last.
      if (incident.severitySet) {
        const [severity, hours] = incident.severitySet;
        await setIncidentSeverity(tx, id, severity, true, at(hours));
      }
      for (const [state, by, hours] of incident.states)
        await setIncidentState(tx, id, state, person(by).id, at(hours));
      await appendAudit(
        tx,
        {
          actorId: null,
          action: "incidents.file",
          targetType: "incident",
          targetId: id,
          details: { source: "demo-country", tlp: incident.fields.tlp, regime: incident.fields.regime },
        },
        now,
      );
    }
    await writeSetting(tx, SEEDED, { at: now.toISOString(), incidents: resolved.length }, now);
  });
}
