// For tests, with `node --import` this file: writes the address of every module the process
// loads, one a line, to the file named by BULWARK_LOADED_MODULES (the hooks run on their own thread).
import { register } from "node:module";

register("./loaded-modules-hooks.test-support.mjs", import.meta.url, {
  data: { file: process.env.BULWARK_LOADED_MODULES },
});
