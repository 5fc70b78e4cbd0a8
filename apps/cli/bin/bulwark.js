#!/usr/bin/env node
// The `bulwark` command. Plain JavaScript up to the command a person asked for: help and usage
// errors answer at once; that command's TypeScript then runs through tsx (no build step to forget).
import { main } from "../src/program.js";

await main(process.argv);
