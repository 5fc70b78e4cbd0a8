// Problem answers in the caller's language (issue 15): Accept-Language first, then the language
// chosen on the account, then English; Content-Language says which. Type URIs, statuses and field
// paths never change. The account's language is chosen by its person only, validated to the six.
import { listAudit } from "@bulwark/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseUnavailable } from "../system/database-outage.ts";
import { type Session, signedIn, startTestServer, type TestServer } from "../testing.ts";
import { translated } from "./messages.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const request = (
  session: Session | null,
  method: "GET" | "PATCH" | "POST",
  url: string,
  language?: string,
  payload?: object,
) =>
  server.inject({
    method,
    url,
    headers: {
      ...session?.headers(),
      ...(language ? { "accept-language": language } : {}),
    },
    ...(payload ? { payload } : {}),
  });

const MISSING = "/api/organisations/00000000-0000-4000-8000-000000000000";

describe("problem answers in the caller's language", () => {
  it("answers a French caller in French and an Arabic caller in Arabic, keeping the machine parts", async () => {
    const member = await signedIn(server, "member@grid.example");
    const english = await request(member, "GET", MISSING);
    const french = await request(member, "GET", MISSING, "fr-FR,fr;q=0.9,en;q=0.5");
    const arabic = await request(member, "GET", MISSING, "ar");
    expect(english.json()).toMatchObject({
      type: "urn:bulwark:problem:not-found",
      title: "Not found",
      detail: "No organisation with this id is visible to you.",
    });
    expect(english.headers["content-language"]).toBe("en");
    expect(french.statusCode).toBe(404);
    expect(french.headers["content-language"]).toBe("fr");
    expect(french.json()).toMatchObject({
      type: "urn:bulwark:problem:not-found",
      status: 404,
      title: "Introuvable",
      detail: "Aucune organisation portant cet identifiant ne vous est visible.",
      instance: MISSING,
    });
    expect(arabic.headers["content-language"]).toBe("ar");
    expect(arabic.json()).toMatchObject({
      type: "urn:bulwark:problem:not-found",
      title: "غير موجود",
      detail: "لا توجد منظمة بهذا المعرّف يمكنك الاطلاع عليها.",
    });
  });

  it("falls back to English for a language that is not one of the six", async () => {
    const member = await signedIn(server, "member@grid.example");
    const german = await request(member, "GET", MISSING, "de-DE,de;q=0.9");
    expect(german.headers["content-language"]).toBe("en");
    expect(german.json()).toMatchObject({ title: "Not found" });
  });

  it("translates validation errors, leaving field paths as they are", async () => {
    const member = await signedIn(server, "member@grid.example");
    const response = await request(member, "PATCH", "/api/me/language", "fr", { language: "de" });
    expect(response.statusCode).toBe(400);
    const problem = response.json();
    expect(problem).toMatchObject({ type: "urn:bulwark:problem:invalid", title: "Saisie non valide" });
    expect(problem.errors[0].path).toBe("body.language");
    expect(problem.errors[0].message).not.toMatch(/Invalid/);
    expect(problem.detail).toMatch(/^body\.language: /);
  });

  it("translates conflicts, refusals and the answer to an unknown route", async () => {
    const member = await signedIn(server, "member@grid.example");
    const conflict = await request(member, "POST", "/api/me/totp/confirm", "es", { code: "123456" });
    expect(conflict.statusCode).toBe(409);
    expect(conflict.json()).toMatchObject({
      title: "Conflicto",
      detail: "Inicie primero la configuración (POST /api/me/totp).",
    });
    const anonymous = await request(null, "GET", "/api/me", "zh-CN");
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json()).toMatchObject({
      type: "urn:bulwark:problem:unauthenticated",
      title: "未登录",
      detail: "请登录，或发送 API 令牌。",
    });
    const nowhere = await request(null, "GET", "/api/nowhere", "ru");
    expect(nowhere.headers["content-language"]).toBe("ru");
    expect(nowhere.json()).toMatchObject({ title: "Не найдено", detail: "Маршрута GET /api/nowhere нет." });
  });

  it("says an exercise package's problems in the caller's language, fields and lines kept", async () => {
    const boss = await signedIn(server, "boss@grid.example");
    const body = { package: "format: something-else\ntitle: Drill\n", organisations: {} };
    const english = await request(boss, "POST", "/api/exercises/import", "en", body);
    const french = await request(boss, "POST", "/api/exercises/import", "fr", body);
    expect([english.statusCode, french.statusCode]).toEqual([422, 422]);
    const format = "body.package.format (line 1)";
    expect(english.json().errors).toContainEqual({
      path: format,
      message: "must be bulwark-exercise-package/1",
    });
    expect(french.json().errors).toContainEqual({
      path: format,
      message: "doit valoir bulwark-exercise-package/1",
    });
    expect(french.json().errors).toContainEqual({
      path: "body.package.type (line 1)",
      message: "est obligatoire",
    });
    const paths = (response: typeof english) => response.json().errors.map((e: { path: string }) => e.path);
    expect(paths(french)).toEqual(paths(english));
  });

  it("says where text cannot be stored in the caller's language", async () => {
    const member = await signedIn(server, "member@grid.example");
    const english = await request(member, "GET", "/api/assets?q=a%00b", "en");
    const russian = await request(member, "GET", "/api/assets?q=a%00b", "ru");
    expect([english.statusCode, russian.statusCode]).toEqual([400, 400]);
    expect(english.json()).toMatchObject({
      detail: "query.q: holds a NUL character (at 1), which text may not hold.",
      errors: [{ path: "query.q", message: "holds a NUL character (at 1), which text may not hold." }],
    });
    expect(russian.json()).toMatchObject({
      detail: "query.q: содержит символ NUL (в позиции 1), который не допускается в тексте.",
      errors: [
        { path: "query.q", message: "содержит символ NUL (в позиции 1), который не допускается в тексте." },
      ],
    });
  });

  it("has the database-outage answers (503) in the catalogue", () => {
    for (const outage of ["unreachable", "slow", "disk-full"] as const) {
      const error = databaseUnavailable(outage);
      expect(translated("fr", error.title)).toBe("Service indisponible");
      expect(translated("ar", error.detail ?? "")).not.toBe(error.detail);
    }
  });
});

describe("the language on the account", () => {
  it("is chosen by its person, validated to the six, and audited", async () => {
    const member = await signedIn(server, "member@grid.example");
    expect((await request(member, "GET", "/api/me")).json().language).toBeNull();
    const refused = await request(member, "PATCH", "/api/me/language", undefined, { language: "xx" });
    expect(refused.statusCode).toBe(400);
    expect((await request(member, "GET", "/api/me")).json().language).toBeNull();

    const chosen = await request(member, "PATCH", "/api/me/language", undefined, { language: "ar" });
    expect(chosen.statusCode).toBe(200);
    expect(chosen.json().language).toBe("ar");
    expect((await request(member, "GET", "/api/me")).json().language).toBe("ar");
    const [entry] = (await listAudit(server.db, { kind: "all" }, { limit: 1 })).items;
    expect(entry).toMatchObject({
      action: "user.language",
      actorId: server.cast.users.member,
      targetId: server.cast.users.member,
    });
    // Someone else's account is untouched.
    const outsider = await signedIn(server, "member@water.example");
    expect((await request(outsider, "GET", "/api/me")).json().language).toBeNull();
  });

  it("is the language of answers to requests that name none, and Accept-Language still wins", async () => {
    const member = await signedIn(server, "member@grid.example");
    await request(member, "PATCH", "/api/me/language", undefined, { language: "ru" });
    const unnamed = await request(member, "GET", MISSING);
    expect(unnamed.headers["content-language"]).toBe("ru");
    expect(unnamed.json().title).toBe("Не найдено");
    const named = await request(member, "GET", MISSING, "fr");
    expect(named.json().title).toBe("Introuvable");
    // Forgetting the choice goes back to English.
    const forgotten = await request(member, "PATCH", "/api/me/language", undefined, { language: null });
    expect(forgotten.json().language).toBeNull();
    expect((await request(member, "GET", MISSING)).json().title).toBe("Not found");
  });

  it("is used for API-token callers too", async () => {
    const member = await signedIn(server, "member@grid.example");
    await request(member, "PATCH", "/api/me/language", undefined, { language: "es" });
    const created = await request(member, "POST", "/api/me/tokens", undefined, {
      name: "lang",
      scopes: ["read"],
    });
    expect(created.statusCode).toBe(201);
    const token = created.json().token as string;
    const response = await server.inject({
      method: "GET",
      url: MISSING,
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.json()).toMatchObject({ title: "No encontrado" });
    await request(member, "PATCH", "/api/me/language", undefined, { language: null });
  });
});
