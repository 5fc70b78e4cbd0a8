import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseFailure } from "./errors.ts";
import { openTestDatabase, type TestDatabase } from "./testing.ts";

let database: TestDatabase;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database.dispose());

describe("database errors", () => {
  it("keep the code and the database's message but drop the query's values", async () => {
    const secret = "person@private.example";
    const error = await database.db
      .execute(
        sql`insert into users (email, name, organisation_id, roles, created_at, updated_at) values (${secret}, 'x', gen_random_uuid(), '{}', now(), now())`,
      )
      .catch((caught: unknown) => caught);
    const failure = databaseFailure(error);
    expect(failure?.code).toBe("23503");
    expect(JSON.stringify(failure)).not.toContain(secret);
    expect(String(error)).toContain(secret);
    expect(databaseFailure(new Error("other"))).toBeNull();
  });
});
