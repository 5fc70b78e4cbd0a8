// The demo country's workshop: a fictional regional workshop on soft targets and crowded places,
// hosted by Meridia's national authority (NCIPA), with its agenda, materials linked to entries of
// the shipped compendium, outcomes, and five follow-up actions (two done, one overdue). Dates are
// set from the day of seeding, so the workshop is always some weeks past. Loaded once.
import {
  appendAudit,
  appendEventOutcome,
  insertEvent,
  insertEventAction,
  insertEventMaterial,
  insertEventParticipant,
  insertEventSession,
  readSetting,
  updateEventAction,
  writeSetting,
} from "@bulwark/db";
import type { ServerContext } from "../context.ts";
import { stableId } from "../demo/seed-demo.ts";

const SEEDED = "demo.events";
const DAY = 24 * 3600 * 1000;

const org = (key: string) => stableId(`organisation:${key}`);
const user = (email: string) => stableId(`user:${email}`);

export async function seedDemoEvents(context: ServerContext): Promise<void> {
  if (await readSetting(context.db, SEEDED)) return;
  const now = context.clock();
  const day = (offset: number) => new Date(now.getTime() + offset * DAY).toISOString().slice(0, 10);
  const at = (offset: number, time: string) => `${day(offset)}T${time}:00.000Z`;
  const first = -45;
  await context.db.transaction(async (tx) => {
    if (await readSetting(tx, SEEDED)) return;
    const eventId = await insertEvent(
      tx,
      {
        kind: "workshop",
        title: "Workshop on protecting soft targets and crowded places",
        summary: [
          "A two-day workshop for the operators of Meridia's crowded places, transport hubs and emergency services, hosted by the National Critical Infrastructure Protection Authority with the Regional Counter-Terrorism Cooperation Office.",
          "",
          "Participants compared their protective measures with the good practices of the compendium, ran a tabletop exercise on a vehicle attack at a venue, and agreed on follow-up actions with owners and due dates.",
          "",
          "*A fictional event of the demonstration country.*",
        ].join("\n"),
        hostOrganisationId: org("ncipa"),
        region: "global",
        countries: ["XM"],
        venue: "Port Aster",
        startsOn: day(first),
        endsOn: day(first + 1),
        marking: "clear",
      },
      now,
    );
    const participant = (email: string, role: string) =>
      insertEventParticipant(
        tx,
        eventId,
        { userId: user(email), name: null, organisationName: null, country: null, role },
        now,
      );
    const host = await participant("tomas.varga@ncipa.meridia.example", "organiser");
    const regional = await participant("johanna.virtanen@rctco.example", "speaker");
    const venue = await participant("linh.tran@asterarena.example", "speaker");
    const emergency = await participant("hannah.becker@nesa.meridia.example", "speaker");
    for (const email of [
      "brendan.walsh@meridia-airports.example",
      "aisha.bello@meridiarail.example",
      "olga.sorensen@portaster-ports.example",
      "sofia.petrova@ctu.police.meridia.example",
      "sana.qureshi@freshway-foods.example",
    ])
      await participant(email, "participant");

    const session = (
      offset: number,
      from: string,
      to: string,
      title: string,
      description: string,
      speakers: string[],
    ) =>
      insertEventSession(
        tx,
        eventId,
        { startsAt: at(offset, from), endsAt: at(offset, to), title, description, speakerIds: speakers },
        now,
      );
    const opening = await session(
      first,
      "09:00",
      "10:00",
      "Opening: why crowded places, and what resolution 2341 asks",
      "The host sets out the aims of the workshop and the national picture of crowded places.",
      [host],
    );
    const goodPractice = await session(
      first,
      "10:30",
      "12:30",
      "Good practices for soft targets",
      "A walk through international good practices on protecting openly accessible places, and how they apply in Meridia.",
      [regional],
    );
    const venues = await session(
      first,
      "14:00",
      "16:00",
      "Venue security in practice: perimeters, vehicles and crowds",
      "An arena operator shows how it plans stand-off distances, vehicle barriers and crowd flows for large events.",
      [venue],
    );
    const exercise = await session(
      first + 1,
      "09:00",
      "12:00",
      "Tabletop exercise: a vehicle attack outside a venue",
      "Operators, police and emergency services play the first three hours of a fictional attack, inject by inject.",
      [emergency],
    );
    await session(
      first + 1,
      "13:30",
      "15:00",
      "Outcomes and follow-up actions",
      "The group agrees on recommendations and on who does what, by when.",
      [host],
    );

    const entry = (entrySlug: string, sessionId: string | null) =>
      insertEventMaterial(tx, eventId, { sessionId, entrySlug, title: null, url: null }, now);
    await entry("un-compendium-protection-critical-infrastructure", null);
    await entry("res-2341-2017", opening);
    await entry("gctf-antalya-memorandum-soft-targets", goodPractice);
    await entry("eu-good-practices-public-spaces-2019", goodPractice);
    await entry("npsa-hostile-vehicle-mitigation", venues);
    await entry("cisa-tabletop-exercise-packages", exercise);

    const outcome = (text: string, entrySlugs: string[]) =>
      appendEventOutcome(tx, eventId, { text, entrySlugs }, now);
    await outcome(
      "Every operator of a large venue or transport hub should assess the approaches to its site for **vehicle attacks** and plan barriers where crowds gather.",
      ["npsa-hostile-vehicle-mitigation"],
    );
    await outcome(
      "Operators, police and emergency services should **exercise together** at least once a year, starting with a tabletop exercise on a crowded place.",
      ["cisa-tabletop-exercise-packages"],
    );
    await outcome(
      "The national authority should publish guidance for venue operators drawn from international good practice on soft targets.",
      ["gctf-antalya-memorandum-soft-targets", "eu-good-practices-public-spaces-2019"],
    );

    const action = async (
      input: { title: string; description: string; owner: string; ownerUser: string | null; due: number },
      progress: { status: string; note: string; on: number }[],
    ) => {
      const id = await insertEventAction(
        tx,
        eventId,
        {
          country: "XM",
          title: input.title,
          description: input.description,
          ownerOrganisationId: org(input.owner),
          ownerUserId: input.ownerUser ? user(input.ownerUser) : null,
          dueOn: day(input.due),
        },
        null,
        new Date(at(first + 1, "15:00")),
      );
      // Each note dated on the day its step happened.
      for (const step of progress)
        await updateEventAction(
          tx,
          id,
          { status: step.status, doneOn: step.status === "done" ? day(step.on) : null, note: step.note },
          null,
          new Date(at(step.on, "10:00")),
        );
    };
    await action(
      {
        title: "Survey the vehicle approaches to Aster Arena",
        description: "Map every road that reaches the crowd areas and rate the stand-off each gives.",
        owner: "asterarena",
        ownerUser: "linh.tran@asterarena.example",
        due: -20,
      },
      [
        { status: "in-progress", note: "Survey of the north and east approaches done.", on: -30 },
        { status: "done", note: "All approaches surveyed; barrier plan sent to the city.", on: -22 },
      ],
    );
    await action(
      {
        title: "Add a crowded-landside scenario to the airport exercise plan",
        description: "The next airport exercise includes an attack in the public landside area.",
        owner: "mac",
        ownerUser: "brendan.walsh@meridia-airports.example",
        due: -10,
      },
      [{ status: "done", note: "Scenario added to this year's exercise plan.", on: -12 }],
    );
    await action(
      {
        title: "Hold a joint tabletop exercise on a vehicle attack at a venue",
        description: "With the police counter-terrorism unit and one venue operator.",
        owner: "nesa",
        ownerUser: "hannah.becker@nesa.meridia.example",
        due: -7,
      },
      [{ status: "in-progress", note: "Date being agreed with the police and the venue.", on: -15 }],
    );
    await action(
      {
        title: "Train station staff to recognise and report suspicious behaviour",
        description: "A short course for staff of the main stations of Port Aster.",
        owner: "mrail",
        ownerUser: null,
        due: 30,
      },
      [],
    );
    await action(
      {
        title: "Publish guidance on soft targets for venue operators",
        description: "Drawn from the good practices discussed at the workshop, in plain language.",
        owner: "ncipa",
        ownerUser: "tomas.varga@ncipa.meridia.example",
        due: 60,
      },
      [],
    );
    await appendAudit(
      tx,
      {
        actorId: null,
        action: "event.create",
        targetType: "event",
        targetId: eventId,
        details: { source: "demo-country" },
      },
      now,
    );
    await writeSetting(tx, SEEDED, { at: now.toISOString(), eventId }, now);
  });
}
