#!/usr/bin/env node
// The `bulwark` command. TypeScript runs directly through tsx (no build step to forget).
import { register } from "tsx/esm/api";

register();
await import("../src/main.ts");
