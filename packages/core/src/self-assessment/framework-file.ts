// Framework files (content/frameworks/*.yaml) are YAML; parsing here only reads the document, and
// `Framework` in @bulwark/contracts validates it, naming the file and the path of each problem.
import { parse, YAMLParseError } from "yaml";
import type { PackProblem } from "../compendium/pack.ts";

export function readFrameworkFile(file: string, text: string): { data: unknown } | PackProblem {
  try {
    return { data: parse(text.replace(/^\uFEFF/, "")) };
  } catch (error) {
    if (error instanceof YAMLParseError)
      return { file, line: (error.linePos?.[0]?.line ?? 0) + 1, message: error.message.split("\n")[0] ?? "" };
    throw error;
  }
}
