// A unique violation is recognised as such on this database (PGlite or PostgreSQL, whichever the
// project runs), with the API names of the columns whose values are taken and never the values.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uniqueViolation } from "./errors.ts";
import { insertOrganisation } from "./repositories/organisations.ts";
import { insertUser } from "./repositories/users.ts";
import { openTestDatabase, type TestDatabase } from "./testing.ts";

let database: TestDatabase;
const now = new Date(Date.UTC(2026, 10, 24, 9));
const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) => error,
  );

beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database.dispose());

describe("uniqueViolation", () => {
  it("names the columns of the key taken, an expression's column included", async () => {
    const org = { name: "Unique Org", kind: "academia" as const, country: "XM", sectors: [] };
    const organisationId = await insertOrganisation(database.db, org, now);
    // organisations_name_key is on lower(name)
    const twin = await refusal(insertOrganisation(database.db, { ...org, name: "UNIQUE org" }, now));
    expect(uniqueViolation(twin)).toEqual(["name"]);
    expect(String(JSON.stringify(uniqueViolation(twin)))).not.toMatch(/UNIQUE org/i);

    const person = { email: "one@unique.example", name: "One", organisationId, roles: ["member" as const] };
    await insertUser(database.db, { ...person, passwordHash: null }, now);
    const again = await refusal(insertUser(database.db, { ...person, passwordHash: null }, now));
    expect(uniqueViolation(again)).toEqual(["email"]);
  });

  it("is null for any other failure", async () => {
    const dangling = await refusal(
      insertUser(
        database.db,
        {
          email: "two@unique.example",
          name: "Two",
          organisationId: "00000000-0000-4000-8000-000000000009",
          roles: ["member"],
          passwordHash: null,
        },
        now,
      ),
    );
    expect(dangling).not.toBeNull();
    expect(uniqueViolation(dangling)).toBeNull();
    expect(uniqueViolation(new Error("not the database"))).toBeNull();
  });
});
