// Demo exercises of Meridia (a fictional country): a completed tabletop (drones over substations)
// with its observations, ratings and improvement plan in the follow-up tracker, and a functional
// exercise being planned. Loaded once, after the people, the registry and the threat scenarios;
// left out whole when the data set is not Meridia's. Times are counted back from the clock.
import { EXERCISE_MARK, regionOfCountry } from "@bulwark/core";
import {
  appendAudit,
  insertEvent,
  insertEventAction,
  insertExercise,
  insertInject,
  insertObservation,
  linkCorrectiveAction,
  readSetting,
  saveExerciseClock,
  schema,
  setFollowUpEvent,
  writeSetting,
} from "@bulwark/db";
import { inArray } from "drizzle-orm";
import type { ServerContext } from "../context.ts";

const SEEDED = "demo.exercises";
const DAY = 86_400_000;
const MINUTE = 60_000;

const ORGS = {
  ncipa: "National Critical Infrastructure Protection Authority",
  grid: "Meridia Grid – National Transmission System Operator",
  water: "National Water Utility of Meridia",
  police: "National Police – Counter-Terrorism Unit",
  ewra: "Energy and Water Utilities Regulatory Authority",
  nesa: "National Emergency Services Agency",
} as const;
const PEOPLE = {
  director: "tomas.varga@ncipa.meridia.example",
  evaluator: "lucia.ferreira@ewra.meridia.example",
  gridLead: "fatima.nasser@meridiagrid.example",
} as const;
const ASSETS = ["XM-EL-SUB-0001", "XM-EL-SUB-0002", "XM-WA-WTP-0001"] as const;

export async function seedExercisesDemo(context: ServerContext): Promise<void> {
  if (await readSetting(context.db, SEEDED)) return;
  const db = context.db;
  const organisations = await db
    .select({
      id: schema.organisations.id,
      name: schema.organisations.name,
      country: schema.organisations.country,
    })
    .from(schema.organisations)
    .where(inArray(schema.organisations.name, Object.values(ORGS)));
  const people = await db
    .select({ id: schema.users.id, email: schema.users.email })
    .from(schema.users)
    .where(inArray(schema.users.email, Object.values(PEOPLE)));
  const assets = await db
    .select({ id: schema.assets.id, ref: schema.assets.ref })
    .from(schema.assets)
    .where(inArray(schema.assets.ref, [...ASSETS]));
  const scenarios = await db
    .select({ slug: schema.riskScenarios.slug })
    .from(schema.riskScenarios)
    .where(inArray(schema.riskScenarios.slug, ["uas-attack-on-site", "cyber-attack-on-control-systems"]));
  // Not the demo country (another data set was loaded): nothing to show.
  if (
    organisations.length !== Object.keys(ORGS).length ||
    people.length !== Object.keys(PEOPLE).length ||
    assets.length !== ASSETS.length ||
    scenarios.length !== 2
  )
    return;
  const org = (key: keyof typeof ORGS) => {
    const found = organisations.find((o) => o.name === ORGS[key]);
    if (!found) throw new Error(`The exercises demo names an unknown organisation: ${ORGS[key]}`);
    return found;
  };
  const person = (key: keyof typeof PEOPLE) => people.find((p) => p.email === PEOPLE[key])?.id ?? "";
  const asset = (ref: (typeof ASSETS)[number]) => assets.find((a) => a.ref === ref)?.id ?? "";
  const now = context.clock();
  const held = new Date(now.getTime() - 30 * DAY);
  const at = (minutes: number) => new Date(held.getTime() + minutes * MINUTE);

  await db.transaction(async (tx) => {
    // The completed tabletop.
    const tabletop = await insertExercise(
      tx,
      {
        title: "Drones over substations",
        summary:
          "A three-hour tabletop: drones are seen over two 161 kV substations at night, one drops a payload on Ulohaven 1. The grid, the water utility and the police work out who warns whom, and what fails next.",
        type: "tabletop",
        ownerOrganisationId: org("ncipa").id,
        scenarioSlug: "uas-attack-on-site",
        attackedAssetIds: [asset("XM-EL-SUB-0001"), asset("XM-EL-SUB-0002")],
        participants: [
          { organisationId: org("grid").id, role: "player" },
          { organisationId: org("water").id, role: "player" },
          { organisationId: org("police").id, role: "player" },
          { organisationId: org("ewra").id, role: "evaluator" },
        ],
        objectives: [
          {
            title: "Warn the operators that depend on the substations within 30 minutes",
            section: "information-sharing",
            capability: null,
          },
          {
            title: "Agree one picture of what fails next and when",
            section: null,
            capability: "operational-coordination",
          },
          {
            title: "Detect and report the drones to the police at once",
            section: "protection",
            capability: null,
          },
        ],
        createdBy: person("director"),
      },
      at(-14 * 24 * 60),
    );
    const [grid, water, police] = [org("grid").id, org("water").id, org("police").id];
    const injects: [number, string, string[], string, string, string][] = [
      [
        0,
        "Ulohaven 1 night shift",
        [grid],
        "phone",
        "Two drones hover over the Ulohaven 1 yard; one carries a package.",
        "Call the police; tell the control room.",
      ],
      [
        15,
        "Grid control room",
        [grid],
        "platform",
        "Ulohaven 1 trips: both transformers out. Queneora reports a drone too.",
        "Estimate what fails next; warn who depends on it.",
      ],
      [
        30,
        "Marilstad plant operator",
        [water],
        "phone",
        "The treatment plant runs on its generator: fuel for six hours.",
        "Ask the grid when power returns; plan for fuel.",
      ],
      [
        45,
        "Police Counter-Terrorism Unit",
        [police],
        "radio",
        "A drone operator's car is seen leaving the area.",
        "Share the description; secure the site.",
      ],
      [
        90,
        "Local radio",
        [grid, water, police],
        "media",
        "Reporters ask whether the blackout is an attack.",
        "Agree one public message.",
      ],
    ];
    const objectiveIds = (
      await tx
        .select({ id: schema.exerciseObjectives.id, position: schema.exerciseObjectives.position })
        .from(schema.exerciseObjectives)
        .where(inArray(schema.exerciseObjectives.exerciseId, [tabletop]))
    )
      .sort((a, b) => a.position - b.position)
      .map((o) => o.id);
    const [warn, picture, detect] = objectiveIds;
    for (const [minutes, sender, recipients, channel, content, expectedAction] of injects)
      await insertInject(
        tx,
        tabletop,
        {
          offsetMs: minutes * MINUTE,
          sender,
          recipientOrganisationIds: recipients,
          channel,
          content,
          expectedAction,
          objectiveId: minutes === 30 ? (warn ?? null) : minutes === 0 ? (detect ?? null) : (picture ?? null),
        },
        person("director"),
        at(-7 * 24 * 60),
      );
    await saveExerciseClock(
      tx,
      tabletop,
      { status: "completed", baseMs: 180 * MINUTE, anchor: null, speed: 1 },
      at(180),
    );
    const evaluator = { userId: person("evaluator"), organisationId: org("ewra").id };
    const observations: [string | undefined, "P" | "S" | "M" | "U", string[], string[], number][] = [
      [detect, "P", ["The night shift called the police within five minutes."], [], 10],
      [
        warn,
        "M",
        ["The grid knew at once which substations fed the water plant."],
        [
          "The water utility heard of the outage from its own operator, 25 minutes late.",
          "No list of whom to warn for each substation.",
        ],
        40,
      ],
      [
        picture,
        "S",
        ["The cascade was agreed around one map."],
        ["The fuel limit of the plant's generator was unknown to the grid."],
        120,
      ],
    ];
    for (const [objectiveId, rating, strengths, areasForImprovement, minutes] of observations)
      await insertObservation(
        tx,
        tabletop,
        {
          objectiveId: objectiveId ?? "",
          rating,
          strengths,
          areasForImprovement,
          note: "",
          exerciseTimeMs: minutes * MINUTE,
        },
        evaluator,
        at(minutes),
      );
    const country = org("ncipa").country;
    const day = (date: Date) => date.toISOString().slice(0, 10);
    const event = await insertEvent(
      tx,
      {
        kind: "exercise",
        title: `${EXERCISE_MARK}: improvement plan of Drones over substations`,
        summary:
          "Corrective actions of the after-action report of the tabletop exercise “Drones over substations”.",
        hostOrganisationId: org("ncipa").id,
        region: regionOfCountry(country) ?? "global",
        countries: [country],
        venue: "",
        startsOn: day(held),
        endsOn: day(held),
        marking: "amber",
      },
      at(200),
    );
    await setFollowUpEvent(tx, tabletop, event, at(200));
    const actions: [string | undefined, string, string, number][] = [
      [warn, "Keep a warning list of dependent operators for each substation", grid, 60],
      [picture, "Share generator fuel limits of water plants with the grid", water, 90],
    ];
    for (const [objectiveId, title, owner, dueInDays] of actions) {
      const actionId = await insertEventAction(
        tx,
        event,
        {
          country,
          title,
          description: "From the AAR/IP of the tabletop “Drones over substations”.",
          ownerOrganisationId: owner,
          ownerUserId: owner === grid ? person("gridLead") : null,
          dueOn: day(new Date(now.getTime() + dueInDays * DAY)),
        },
        person("director"),
        at(200),
      );
      await linkCorrectiveAction(tx, tabletop, objectiveId ?? null, actionId, at(200));
    }

    // The functional exercise being planned.
    const functional = await insertExercise(
      tx,
      {
        title: "Marilstad water plant under cyber attack",
        summary:
          "A functional exercise: unexpected commands stop the Marilstad treatment plant's pumps. Players answer from their own desks with Bulwark in exercise mode.",
        type: "functional",
        ownerOrganisationId: org("ncipa").id,
        scenarioSlug: "cyber-attack-on-control-systems",
        attackedAssetIds: [asset("XM-WA-WTP-0001")],
        participants: [
          { organisationId: water, role: "player" },
          { organisationId: org("nesa").id, role: "player" },
          { organisationId: org("ewra").id, role: "evaluator" },
        ],
        objectives: [
          {
            title: "Report the incident to the authority within 24 hours",
            section: "information-sharing",
            capability: null,
          },
          {
            title: "Keep drinking water supplied while the plant is down",
            section: "crisis",
            capability: null,
          },
        ],
        createdBy: person("director"),
      },
      new Date(now.getTime() - 2 * DAY),
    );
    await insertInject(
      tx,
      functional,
      {
        offsetMs: 0,
        sender: "Marilstad control room",
        recipientOrganisationIds: [water],
        channel: "phone",
        content: "The pumps stop; the control screens show commands nobody gave.",
        expectedAction: "Switch to manual; notify the authority.",
        objectiveId: null,
      },
      person("director"),
      new Date(now.getTime() - 2 * DAY),
    );
    await appendAudit(
      tx,
      {
        actorId: null,
        action: "exercises.plan",
        targetType: "exercise",
        targetId: tabletop,
        details: { source: "demo-country", exercises: 2 },
      },
      now,
    );
    await writeSetting(tx, SEEDED, { at: now.toISOString(), exercises: 2 }, now);
  });
}
