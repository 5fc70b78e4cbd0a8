// Exercise traffic never leaves the exercise (issue 19): once every inject is delivered and
// observed, no other GET route of the API (the sharing feed, STIX exports, searches, home,
// notifications… every one in the endpoint table), no TAXII collection and not the public CAP/Atom
// feed shows a word of it, to a controller, a player or the platform administrator; nor does an
// incident a player filed in exercise mode (not in the real incident list, only in the exercise's).
// An inject sent on the CAP channel is served only to its recipients, as CAP with status Exercise.
import { type Client, endpoints } from "@bulwark/contracts";
import { insertAsset, insertUser } from "@bulwark/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "../auth/secrets.ts";
import { PASSWORD, signedIn, startTestServer, type TestServer } from "../testing.ts";

const MARK = "zebra-quokka-7731"; // in every exercise text below, nowhere else
let server: TestServer;
let control: Client;
let player: Client;
let exerciseId = "";
let capInject = "";
const cookies = new Map<string, string>();

async function cookieOf(email: string): Promise<string> {
  const cookie = cookies.get(email) ?? (await signedIn(server, email)).cookie;
  cookies.set(email, cookie);
  return cookie;
}

const basic = (email: string) => `Basic ${Buffer.from(`${email}:${PASSWORD}`).toString("base64")}`;

beforeAll(async () => {
  server = await startTestServer();
  const { organisations } = server.cast;
  await insertUser(
    server.db,
    {
      email: "director@authority.example",
      name: "Director",
      organisationId: organisations.authority,
      roles: ["coordinator"],
      passwordHash: await hashPassword(PASSWORD),
    },
    server.context.clock(),
  );
  control = await server.client("director@authority.example");
  player = await server.client("member@grid.example");
  const created = await control.call("createExercise", {
    body: {
      title: "Isolation drill",
      summary: `Summary ${MARK}`,
      type: "functional",
      participants: [
        { organisationId: organisations.operator, role: "player" },
        { organisationId: organisations.other, role: "player" },
      ],
      objectives: [{ title: `Objective ${MARK}`, capability: "public-information-and-warning" }],
    },
  });
  exerciseId = created.id;
  const objectiveId = created.objectives[0]?.id ?? null;
  for (const channel of ["platform", "email", "cap-alert", "media"] as const) {
    const inject = await control.call("createExerciseInject", {
      params: { id: exerciseId },
      body: {
        offsetMs: 60_000,
        sender: `Sender ${MARK}`,
        recipientOrganisationIds: [organisations.operator],
        channel,
        content: `Inject ${channel} ${MARK}`,
        expectedAction: `Expected ${MARK}`,
        objectiveId,
      },
    });
    if (channel === "cap-alert") capInject = inject.id;
  }
});
afterAll(() => server.close());

describe("exercise isolation", () => {
  it("serves a CAP inject only once delivered, only to its recipients, with status Exercise", async () => {
    const url = `/api/exercises/${exerciseId}/injects/${capInject}/cap`;
    const get = async (email: string) =>
      server.inject({ method: "GET", url, headers: { cookie: await cookieOf(email) } });
    expect((await get("member@grid.example")).statusCode).toBe(404); // not started
    await control.call("changeExerciseClock", { params: { id: exerciseId }, body: { action: "start" } });
    server.advance(59_000);
    expect((await get("member@grid.example")).statusCode).toBe(404); // not yet due
    server.advance(1_000);
    const answer = await get("member@grid.example");
    expect(answer.statusCode).toBe(200);
    expect(answer.headers["content-type"]).toMatch(/application\/cap\+xml/);
    expect(answer.body).toContain("<status>Exercise</status>");
    expect(answer.body).not.toContain("<status>Actual</status>");
    expect(answer.body).toContain("EXERCISE EXERCISE EXERCISE");
    expect(answer.body).toContain(`Inject cap-alert ${MARK}`);
    // Another player of the exercise, not a recipient; and someone of the controller's.
    expect((await get("member@water.example")).statusCode).toBe(404);
    expect((await get("director@authority.example")).statusCode).toBe(200);
    // An inject of another channel has no CAP message.
    const email = (await control.call("listExerciseInjects", { params: { id: exerciseId } })).items.find(
      (item) => item.channel === "email",
    );
    const other = await server.inject({
      method: "GET",
      url: `/api/exercises/${exerciseId}/injects/${email?.id}/cap`,
      headers: { cookie: await cookieOf("member@grid.example") },
    });
    expect(other.statusCode).toBe(404);
    // Delivered injects are in the player's inbox, as the feeds below must not be.
    const inbox = await player.call("listExerciseInjects", { params: { id: exerciseId } });
    expect(inbox.items.map((item) => item.content)).toContain(`Inject email ${MARK}`);
  });

  it("keeps every word of it out of every other GET route, TAXII and the public CAP feed", async () => {
    await control.call("createExerciseObservation", {
      params: { id: exerciseId },
      body: {
        objectiveId:
          (await control.call("getExercise", { params: { id: exerciseId } })).objectives[0]?.id ?? "",
        rating: "S",
        strengths: [`Strength ${MARK}`],
        areasForImprovement: [`Area ${MARK}`],
        note: `Note ${MARK}`,
      },
    });
    // A player's answer in exercise mode: an incident, addressed to the controller.
    const at = new Date(server.context.clock().getTime() - 60_000).toISOString();
    const substation = await insertAsset(
      server.db,
      {
        ref: "S",
        name: "Substation S",
        sector: "energy-electricity",
        operatorId: server.cast.organisations.operator,
        status: "operational",
        populationServed: 1000,
        marking: "amber",
        tags: [],
        attributes: {},
        lat: 10,
        lon: 20,
      },
      server.context.clock(),
    );
    const answer = await player.call("createExerciseIncident", {
      params: { id: exerciseId },
      body: {
        injectId: capInject,
        incident: {
          title: `Incident ${MARK}`,
          description: `Description ${MARK}`,
          type: "sabotage",
          startedAt: at,
          awareAt: at,
          regime: "eu-cer-article-15",
          tlp: "amber",
          audience: { organisationIds: [server.cast.organisations.authority] },
          suspectedCause: "unknown",
          assets: [{ assetId: substation, status: "down", at }],
        },
      },
    });
    expect(answer.exercise?.mark).toBe("EXERCISE EXERCISE EXERCISE");
    const routes = Object.entries(endpoints).filter(
      ([, endpoint]) =>
        endpoint.method === "GET" &&
        !endpoint.path.includes(":") &&
        !("stream" in endpoint) &&
        !endpoint.path.startsWith("/api/exercises"),
    );
    expect(routes.length).toBeGreaterThan(30);
    const leaks: string[] = [];
    for (const email of ["director@authority.example", "member@grid.example", "admin@authority.example"]) {
      const cookie = await cookieOf(email);
      for (const [name, endpoint] of routes) {
        const response = await server.inject({ method: "GET", url: endpoint.path, headers: { cookie } });
        if (response.body.includes(MARK)) leaks.push(`${name} as ${email}`);
      }
      // TAXII: discovery, the API root's collections and every object in each.
      const taxii = async (url: string) =>
        server.inject({
          method: "GET",
          url,
          headers: { authorization: basic(email), accept: "application/taxii+json;version=2.1" },
        });
      const collections = await taxii("/taxii2/api/collections/");
      expect(collections.statusCode).toBe(200);
      for (const collection of (collections.json() as { collections?: { id: string }[] }).collections ?? []) {
        const objects = await taxii(`/taxii2/api/collections/${collection.id}/objects/`);
        if (objects.body.includes(MARK)) leaks.push(`TAXII ${collection.id} as ${email}`);
      }
    }
    const feed = await server.inject({ method: "GET", url: "/api/cap/alerts.atom" });
    expect(feed.statusCode).toBe(200);
    if (feed.body.includes(MARK)) leaks.push("public CAP/Atom feed");
    expect(leaks).toEqual([]);
    // The exercise's own routes do show it, so the needle would be found if it leaked.
    const inbox = await server.inject({
      method: "GET",
      url: `/api/exercises/${exerciseId}/injects`,
      headers: { cookie: await cookieOf("member@grid.example") },
    });
    expect(inbox.body).toContain(MARK);
    const answers = await server.inject({
      method: "GET",
      url: `/api/incidents?exerciseId=${exerciseId}`,
      headers: { cookie: await cookieOf("director@authority.example") },
    });
    expect(answers.body).toContain(`Incident ${MARK}`);
  });
});
