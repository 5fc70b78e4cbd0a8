// Search everything (GET /api/search, issue 16) on the demo (2,003 assets and the demo's items,
// entries, experts, events, runs and risk assessments), through the real server over HTTP as the
// national authority's coordinator: 10 queries, each 8 times, after 2 warm-up rounds. Prints p50
// and p95, end to end (HTTP included), then each kind alone. Runs `npm start` (the demo on embedded PGlite): build the web app first.
import { createClient, SEARCH_KINDS } from "@bulwark/contracts";
import { DEMO_PASSWORD, startBulwark } from "../e2e/start.ts";

const USERS = ["tomas.varga@ncipa.meridia.example"];
const QUERIES = [
  "substation",
  "drone",
  "water",
  "grid",
  "night-time drone",
  "pump",
  "exercise",
  "ransomware",
  "hospital",
  "zz",
];

const bulwark = await startBulwark();
try {
  for (const email of USERS) {
    const api = createClient({ baseUrl: bulwark.url, cookieJar: true });
    await api.call("login", { body: { email, password: DEMO_PASSWORD } });
    for (let round = 0; round < 2; round += 1)
      for (const q of QUERIES) await api.call("search", { query: { q } });
    const times: number[] = [];
    let results = 0;
    for (let round = 0; round < 8; round += 1)
      for (const q of QUERIES) {
        const started = performance.now();
        const answer = await api.call("search", { query: { q } });
        times.push(performance.now() - started);
        results += answer.groups.reduce((sum, group) => sum + group.items.length, 0);
      }
    times.sort((a, b) => a - b);
    const at = (p: number) => times[Math.min(times.length - 1, Math.ceil((p / 100) * times.length) - 1)] ?? 0;
    console.log(
      `${email}: ${times.length} searches, ${results} results; p50 ${at(50).toFixed(1)} ms, p95 ${at(95).toFixed(1)} ms, max ${at(100).toFixed(1)} ms`,
    );
    // Each kind alone, to see where the time goes.
    for (const kind of SEARCH_KINDS) {
      const alone: number[] = [];
      for (let round = 0; round < 3; round += 1)
        for (const q of QUERIES) {
          const started = performance.now();
          await api.call("search", { query: { q, kinds: kind } });
          alone.push(performance.now() - started);
        }
      alone.sort((a, b) => a - b);
      console.log(`  ${kind}: p50 ${(alone[Math.floor(alone.length / 2)] ?? 0).toFixed(1)} ms`);
    }
  }
} finally {
  await bulwark.stop();
}
