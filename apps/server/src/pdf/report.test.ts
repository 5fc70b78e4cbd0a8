// PDFs in the six UN languages (issue 15, ADR 0029): every language renders, its heading comes back
// out of the PDF, and no character of the server's words falls to an empty box (.notdef).
import { LANGUAGES } from "@bulwark/core";
import { describe, expect, it } from "vitest";
import { CATALOGUES, say } from "../i18n/messages.ts";
import { PdfReport } from "./report.ts";
import { readPdf } from "./testing.ts";
import { fontFor, missingCharacters } from "./text.ts";

const textOf = async (bytes: Uint8Array) => (await readPdf(bytes)).text;

async function render(language: string, heading: string, body: string): Promise<Buffer> {
  const pdf = new PdfReport({
    title: heading,
    marking: "amber",
    language,
    createdAt: new Date("2026-01-01T00:00:00Z"),
    footer: `${heading} · Bulwark`,
  });
  pdf.heading(heading, 1, true);
  pdf.paragraph(body);
  pdf.facts([[say(language as never, { key: "pdf.sitrep.status" }), body]]);
  pdf.table([heading, "B"], [[body, "12 %"]], [0.7, 0.3]);
  return pdf.finish();
}

describe("PDFs in the reader's language", () => {
  for (const language of LANGUAGES)
    it(`renders a report in ${language} whose heading can be read back`, async () => {
      const heading = say(language, { key: "pdf.sitrep.title", values: { number: 7 } });
      const body = say(language, { key: "pdf.sitrep.assetsNote", values: { hours: 24 } });
      const bytes = await render(language, heading, `${body} Grid Operator Ltd.`);
      expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
      const text = (await textOf(bytes)).replace(/\s+/g, " ");
      expect(text).toContain("TLP:AMBER");
      expect(text).toContain("Grid Operator Ltd");
      if (language === "ar") {
        // Each Arabic word is drawn as its own right-to-left run: pdf-parse (pdf.js) gives the
        // words back in logical order, but line by line it may order them differently, so the
        // words are checked one by one.
        for (const word of heading.split(" ").filter((w) => /\p{Script=Arabic}/u.test(w)))
          expect(text).toContain(word);
      } else expect(text).toContain(heading.replace(/\s+/g, " "));
    });

  it("has a glyph for every character of the server's words in all six languages", () => {
    for (const language of LANGUAGES) {
      const all = Object.values(CATALOGUES[language]).join(" ");
      expect(missingCharacters(all, "regular"), language).toEqual([]);
      expect(missingCharacters(all, "bold"), language).toEqual([]);
    }
  });

  it("writes each script in its own font", () => {
    expect(fontFor("a", "bold")).toBe("latin-bold");
    expect(fontFor("Ж", "regular")).toBe("latin-regular");
    expect(fontFor("ب", "italic")).toBe("arabic-regular");
    expect(fontFor("风", "bold")).toBe("han-bold");
    // A Chinese character outside the shipped subset (a rare one) is reported as missing.
    expect(missingCharacters("龘")).toEqual(["龘"]);
  });

  it("orders an Arabic line right to left with an English name inside it left to right", async () => {
    const bytes = await render("ar", "تقرير الحالة", "أبلغت Grid Operator Ltd عن انقطاع");
    const text = await textOf(bytes);
    expect(text).toContain("Grid Operator Ltd");
    expect(text).toContain("انقطاع");
  });
});
