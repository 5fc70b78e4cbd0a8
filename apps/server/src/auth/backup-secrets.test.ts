// Backups and the instance's secret (finding 19): a backup holds the TOTP secrets and the
// pseudonym key only sealed; restored on an instance with the same secret, two-factor sign-in
// works and every value keeps its pseudonym; under another secret the restore is refused before
// anything changes.
import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { BackupError, readSetting, restoreBackup, writeBackup } from "@bulwark/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { publicTextsOf } from "../sharing/personal-data.service.ts";
import { PASSWORD, startTestServer, type TestServer } from "../testing.ts";
import { currentTotp } from "./auth.service.ts";

const SECRET = "the instance's secret, which no backup holds (64 chars or so)";
const TEXT = { title: "Contact [[pii:Jane Roe]]", body: "Call jane.roe@authority.example.", warning: null };

let source: TestServer;
let same: TestServer;
let other: TestServer;
let totpSecret = "";
let file = "";

beforeAll(async () => {
  [source, same, other] = await Promise.all([
    startTestServer({ env: { BULWARK_SECRET: SECRET } }),
    startTestServer({ env: { BULWARK_SECRET: SECRET } }),
    startTestServer(),
  ]);
  const boss = await source.client("boss@grid.example");
  totpSecret = (await boss.call("totpSetup")).secret;
  await boss.call("totpConfirm", { body: { code: currentTotp(totpSecret, source.context.clock()) } });
  await publicTextsOf(source.context, source.cast.organisations.operator, TEXT); // creates the pseudonym key
  file = join(mkdtempSync(join(tmpdir(), "bulwark-secrets-")), "backup.bulwark.gz");
  await writeBackup(source.db, file, source.context.clock(), SECRET);
});
afterAll(async () => {
  await Promise.all([source.close(), same.close(), other.close()]);
});

describe("a backup's secrets", () => {
  it("are in a file only its owner reads, and never in clear", async () => {
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const key = await readSetting(source.db, "sharing.pseudonym-key");
    expect(typeof key).toBe("string");
    const bytes = gunzipSync(readFileSync(file)).toString("utf8");
    for (const secret of [totpSecret, String(key), SECRET]) expect(bytes).not.toContain(secret);
  });

  it("come back under the same instance secret: two-factor sign-in works, pseudonyms are the same", async () => {
    await restoreBackup(same.db, file, SECRET);
    same.advance(30_000); // the code that turned two-factor on was used already
    const anonymous = await same.client();
    const login = (totp?: string) =>
      anonymous.call("login", { body: { email: "boss@grid.example", password: PASSWORD, totp } });
    await expect(login()).rejects.toThrow(/code/i);
    const me = await login(currentTotp(totpSecret, same.context.clock()));
    expect(me.totpEnabled).toBe(true);
    expect(await publicTextsOf(same.context, source.cast.organisations.operator, TEXT)).toEqual(
      await publicTextsOf(source.context, source.cast.organisations.operator, TEXT),
    );
  });

  it("refuse a restore under another instance's secret, which changes nothing", async () => {
    const error = await restoreBackup(other.db, file, other.context.config.secret ?? "").catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(BackupError);
    expect(String(error)).toMatch(/another instance's secret.*Nothing was changed/);
    // The other instance's boss still signs in without two-factor: its users were not replaced.
    const me = await (await other.client()).call("login", {
      body: { email: "boss@grid.example", password: PASSWORD },
    });
    expect(me.totpEnabled).toBe(false);
  });
});
