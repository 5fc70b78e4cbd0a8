// Test support: the text a reader finds in a PDF the server printed, read back with pdf-parse (pdf.js).
import type { FastifyInstance } from "fastify";
import { PDFParse } from "pdf-parse";

export interface PdfText {
  /** The text as pdf.js gives it, line breaks included. */
  text: string;
  /** The same with every run of white space made one space, for phrases that wrap. */
  flat: string;
  /** Pages in the document. */
  pages: number;
  /** Each page's own text, in order. */
  pageTexts: string[];
}

/** The text of a PDF's bytes; the parser is released whatever happens. */
export async function readPdf(bytes: Uint8Array): Promise<PdfText> {
  const parser = new PDFParse({ data: bytes });
  try {
    const { text, total, pages } = await parser.getText();
    return { text, flat: text.replace(/\s+/g, " "), pages: total, pageTexts: pages.map((page) => page.text) };
  } finally {
    await parser.destroy();
  }
}

/**
 * GET a PDF as a signed-in browser would, asking for `language`; throws with the status and body
 * unless it answers 200, and gives its text with white space made single spaces.
 */
export async function pdfTextIn(
  server: Pick<FastifyInstance, "inject">,
  cookie: string,
  url: string,
  language: string,
): Promise<string> {
  const response = await server.inject({
    method: "GET",
    url,
    headers: { cookie, "accept-language": language },
  });
  if (response.statusCode !== 200)
    throw new Error(
      `GET ${url} in ${language} answered ${response.statusCode}: ${response.body.slice(0, 500)}`,
    );
  return (await readPdf(response.rawPayload)).flat;
}
