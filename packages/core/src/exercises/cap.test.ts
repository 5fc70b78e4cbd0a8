import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { validateXML } from "xmllint-wasm";
import { capXml } from "../cap/message.ts";
import { exerciseCapMessage } from "./cap.ts";

const SCHEMA = {
  fileName: "CAP-v1.2.xsd",
  contents: readFileSync(new URL("../cap/schema/CAP-v1.2.xsd", import.meta.url), "utf8"),
};

describe("an exercise inject as CAP", () => {
  it("has status Exercise, is restricted, says EXERCISE EXERCISE EXERCISE and is valid CAP 1.2", async () => {
    const xml = capXml(
      exerciseCapMessage({
        exerciseId: "11111111-1111-4111-8111-111111111111",
        exerciseTitle: "Drones over <substations> & more",
        injectId: "22222222-2222-4222-8222-222222222222",
        senderName: "National warning centre",
        content: "Leave the area around substation S.",
        sent: "2026-11-24T09:10:00.000Z",
        sender: "bulwark.example",
      }),
    );
    expect(xml).toContain("<status>Exercise</status>");
    expect(xml).not.toContain("<status>Actual</status>");
    expect(xml).toContain("<scope>Restricted</scope>");
    expect(xml).toContain("<note>EXERCISE EXERCISE EXERCISE</note>");
    expect(xml).toContain("<sent>2026-11-24T09:10:00+00:00</sent>");
    const result = await validateXML({ xml: [{ fileName: "alert.xml", contents: xml }], schema: [SCHEMA] });
    expect(result.errors.map((error) => error.message)).toEqual([]);
  });
});
