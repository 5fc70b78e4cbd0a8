// The little of fontkit (PDFKit's font engine, which ships no types) that the PDFs use: whether a
// font draws a character.
declare module "fontkit" {
  export interface Font {
    hasGlyphForCodePoint(codePoint: number): boolean;
  }
  export function create(buffer: Buffer, postscriptName?: string): Font;
}
