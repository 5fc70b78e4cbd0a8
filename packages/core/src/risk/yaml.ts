// Reads the risk content files (methodology and threat scenarios) from YAML text into plain data;
// their shape is checked by the zod schemas in @bulwark/contracts.
import { parse, YAMLParseError } from "yaml";

export type YamlRead =
  | { readonly ok: true; readonly data: unknown }
  | { readonly ok: false; readonly message: string };

export function readYaml(text: string): YamlRead {
  try {
    return { ok: true, data: parse(text) };
  } catch (error) {
    if (error instanceof YAMLParseError) return { ok: false, message: error.message };
    throw error;
  }
}
