// Which errors mean the database, not the request, is at fault, and which part fails.
import { DrizzleQueryError } from "drizzle-orm/errors";
import { describe, expect, it } from "vitest";
import { DatabaseUnresponsive, databaseOutage } from "./outage.ts";

const coded = (code: string, message = "failed") => Object.assign(new Error(message), { code });
const wrapped = (cause: Error) => new DrizzleQueryError("select 1", [], cause);

describe("databaseOutage", () => {
  it.each([
    ["connection refused", coded("ECONNREFUSED"), "unreachable"],
    ["refused on every address tried", new AggregateError([coded("ECONNREFUSED")], ""), "unreachable"],
    ["connection reset", wrapped(coded("ECONNRESET")), "unreachable"],
    ["lost mid-query", wrapped(new Error("Connection terminated unexpectedly")), "unreachable"],
    ["no answer to connect", new Error("Connection terminated due to connection timeout"), "unreachable"],
    ["no answer to a query", wrapped(new DatabaseUnresponsive("no answer")), "unreachable"],
    ["admin shutdown", wrapped(coded("57P01")), "unreachable"],
    ["starting up", coded("57P03"), "unreachable"],
    ["connection failure", coded("08006"), "unreachable"],
    ["PGlite closed", wrapped(new Error("PGlite is closed")), "unreachable"],
    ["disk full", wrapped(coded("53100")), "disk-full"],
    ["too many connections", coded("53300"), "slow"],
    ["statement timeout", wrapped(coded("57014")), "slow"],
    ["no free connection", new Error("timeout exceeded when trying to connect"), "slow"],
  ])("%s: %s", (_name, error, outage) => {
    expect(databaseOutage(error)).toBe(outage);
  });

  it.each([
    ["unique violation", wrapped(coded("23505"))],
    ["foreign key", wrapped(coded("23503"))],
    ["syntax", wrapped(coded("42601"))],
    ["not an error", "Connection terminated"],
    ["a programming error", new TypeError("x is undefined")],
  ])("%s: not an outage", (_name, error) => {
    expect(databaseOutage(error)).toBeNull();
  });

  it("does not read the words of a failed query's parameters", () => {
    const error = new DrizzleQueryError("insert into t values ($1)", ["PGlite is closed"], coded("23505"));
    expect(databaseOutage(error)).toBeNull();
  });
});
