#!/usr/bin/env node
// The `bulwark` command. Plain JavaScript up to the command a person asked for: help and usage
// errors answer at once; that command's TypeScript then runs through tsx (no build step to forget).
// A plain `bulwark analyse` command line runs without the command table's parser (start.js).
import { runPlainAnalyse } from "../src/start.js";

if (!(await runPlainAnalyse(process.argv))) {
  const { main } = await import("../src/program.js");
  await main(process.argv);
}
