// For tests: the schema's complaints about a CAP message, checked against the OASIS CAP 1.2 schema
// shipped in packages/core/src/cap/schema with libxml2's xmllint compiled to WebAssembly (no
// network, no system tools). Empty when the message is valid.
import { readFileSync } from "node:fs";
import { validateXML } from "xmllint-wasm";

const SCHEMA = {
  fileName: "CAP-v1.2.xsd",
  contents: readFileSync(
    new URL("../../../../packages/core/src/cap/schema/CAP-v1.2.xsd", import.meta.url),
    "utf8",
  ),
};

export async function capSchemaErrors(xml: string): Promise<string[]> {
  const result = await validateXML({ xml: [{ fileName: "alert.xml", contents: xml }], schema: [SCHEMA] });
  return result.valid ? [] : result.errors.map((error) => error.message);
}
