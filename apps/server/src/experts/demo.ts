// The expert network of the demo country Meridia (fictional people of fictional organisations):
// four experts at different visibilities, two questions (one answered) and a short discussion on a
// compendium entry. Loaded once, after the demo's people and compendium.
import { type Actor, compendiumPolicy } from "@bulwark/core";
import {
  acceptAnswer,
  appendAudit,
  credentialsByEmail,
  findEntry,
  insertNotifications,
  insertPost,
  insertProfile,
  insertQuestion,
  type ProfileFields,
  readSetting,
  writeSetting,
} from "@bulwark/db";
import type { ServerContext } from "../context.ts";

const SEEDED = "demo.experts";
const ENTRY = "cisa-tabletop-exercise-packages";

const EXPERTS: { email: string; profile: ProfileFields }[] = [
  {
    email: "fatima.nasser@meridiagrid.example",
    profile: {
      headline: "Control-room security and exercise planning for the transmission grid",
      bio: "Coordinates security exercises at Meridia Grid's national control centre.\n\n- tabletop exercises with the sector's operators\n- protection of substations",
      expertise: ["tabletop exercises", "scada security", "substation protection"],
      sectors: ["energy-electricity"],
      phases: ["preparedness", "protection"],
      themes: ["exercises", "cyber", "physical"],
      threats: ["cyber", "sabotage"],
      languages: ["en", "fr"],
      region: null,
      country: "XM",
      visibility: "communities",
      showEmail: false,
    },
  },
  {
    email: "tariq.hussain@iir.uni-meridia.example",
    profile: {
      headline: "Researcher in infrastructure interdependencies and cascading failures",
      bio: "Works at the University of Meridia's Institute for Infrastructure Resilience on models of how outages spread between sectors.",
      expertise: ["interdependency modelling", "cascade analysis", "resilience metrics"],
      sectors: ["energy-electricity", "water-drinking", "telecommunications"],
      phases: ["preparedness", "mitigation"],
      themes: ["risk", "identification"],
      threats: [],
      languages: ["en", "ar"],
      region: null,
      country: "XM",
      visibility: "platform",
      showEmail: true,
    },
  },
  {
    email: "linh.tran@asterarena.example",
    profile: {
      headline: "Security of crowded venues: arenas, concerts and fan zones",
      bio: "Runs security planning for Aster Arena Venues, from staff awareness to vehicle barriers at entrances.",
      expertise: ["crowd management", "hostile vehicle mitigation", "staff awareness"],
      sectors: ["commercial-facilities"],
      phases: ["prevention", "protection", "response"],
      themes: ["soft-targets", "physical", "awareness", "exercises"],
      threats: ["vehicle", "armed-assault", "ied"],
      languages: ["en", "zh"],
      region: null,
      country: "XM",
      visibility: "platform",
      showEmail: false,
    },
  },
  {
    email: "pablo.restrepo@meridiawater.example",
    profile: {
      headline: "Water treatment process safety and insider risk",
      bio: "Analyst at the National Water Utility; shares his notes with colleagues only.",
      expertise: ["water treatment", "insider risk", "chemical dosing"],
      sectors: ["water-drinking"],
      phases: ["prevention"],
      themes: ["insider"],
      threats: ["insider", "cbrn"],
      languages: ["en", "es"],
      region: null,
      country: "XM",
      visibility: "organisation",
      showEmail: false,
    },
  },
];

export async function seedDemoExperts(context: ServerContext): Promise<void> {
  if (await readSetting(context.db, SEEDED)) return;
  const people = new Map<string, string>();
  for (const email of [
    ...EXPERTS.map((expert) => expert.email),
    "aisha.bello@meridiarail.example",
    "zainab.yusuf@transmeridia-gas.example",
    "hannah.becker@nesa.meridia.example",
  ]) {
    const found = await credentialsByEmail(context.db, email);
    if (!found) return; // Not the demo country's people: nothing to add.
    people.set(email, found.id);
  }
  const id = (email: string) => people.get(email) ?? "";
  const reader: Actor = { userId: "", organisationId: "", roles: ["platform-admin"] };
  const entry = await findEntry(context.db, compendiumPolicy.readScope(reader), ENTRY);
  const now = context.clock();
  const later = (minutes: number) => new Date(now.getTime() + minutes * 60_000);
  await context.db.transaction(async (tx) => {
    for (const expert of EXPERTS) await insertProfile(tx, id(expert.email), expert.profile, now);

    const answered = await insertQuestion(
      tx,
      {
        askerId: id("aisha.bello@meridiarail.example"),
        organisationId:
          (await credentialsByEmail(tx, "aisha.bello@meridiarail.example"))?.organisationId ?? "",
        title: "How do we run our first tabletop exercise for a rail control centre?",
        body: "Meridia Railways has never run an exercise with the control-room team. Where should a first, small exercise start?",
        sectors: ["transport-rail"],
        themes: ["exercises", "crisis"],
        visibility: "platform",
      },
      now,
    );
    const answer = await insertPost(
      tx,
      {
        subject: { kind: "question", id: answered },
        parentId: null,
        authorId: id("linh.tran@asterarena.example"),
        body: "Start with one scenario and two hours: a suspicious bag found on a platform at rush hour. Write the **decisions** you expect at each step, then compare them with what the team says. Keep the after-action notes short and give each gap an owner.",
      },
      later(60),
    );
    await insertPost(
      tx,
      {
        subject: { kind: "question", id: answered },
        parentId: answer,
        authorId: id("aisha.bello@meridiarail.example"),
        body: "Thank you: we will try the platform scenario next month.",
      },
      later(90),
    );
    await acceptAnswer(tx, answered, answer, later(95));
    await insertNotifications(
      tx,
      [
        {
          userId: id("aisha.bello@meridiarail.example"),
          kind: "answer",
          postId: answer,
          actorId: id("linh.tran@asterarena.example"),
        },
      ],
      later(60),
    );

    await insertQuestion(
      tx,
      {
        askerId: id("zainab.yusuf@transmeridia-gas.example"),
        organisationId:
          (await credentialsByEmail(tx, "zainab.yusuf@transmeridia-gas.example"))?.organisationId ?? "",
        title: "Signs that a remote valve station is being watched?",
        body: "Our remote valve stations are unmanned. Which signs of hostile reconnaissance have other operators learnt to notice, and who do you report them to?",
        sectors: ["energy-gas"],
        themes: ["detection", "awareness"],
        visibility: "communities",
      },
      later(120),
    );

    if (entry) {
      const first = await insertPost(
        tx,
        {
          subject: { kind: "entry", id: entry.id },
          parentId: null,
          authorId: id("hannah.becker@nesa.meridia.example"),
          body: "We adapted this kind of package for a joint exercise of the emergency services and two hospitals. Has anyone used one with energy operators?",
        },
        later(150),
      );
      const reply = await insertPost(
        tx,
        {
          subject: { kind: "entry", id: entry.id },
          parentId: first,
          authorId: id("fatima.nasser@meridiagrid.example"),
          body: "Yes: Meridia Grid ran one with the energy community last spring. The scenario modules needed local names and numbers, the structure worked as it is.",
        },
        later(180),
      );
      await insertNotifications(
        tx,
        [
          {
            userId: id("hannah.becker@nesa.meridia.example"),
            kind: "reply",
            postId: reply,
            actorId: id("fatima.nasser@meridiagrid.example"),
          },
        ],
        later(180),
      );
    }
    await appendAudit(
      tx,
      {
        actorId: null,
        action: "demo.seed-experts",
        targetType: "installation",
        targetId: null,
        details: { profiles: EXPERTS.length, questions: 2, discussion: entry ? ENTRY : null },
      },
      now,
    );
    await writeSetting(tx, SEEDED, { at: now.toISOString() }, now);
  });
}
