// Text of the PDFs in any of the six UN languages (ADR 0029). Each character is drawn by a font
// that has it: DejaVu Sans (npm dejavu-fonts-ttf) for Latin, Greek, Cyrillic and the rest, Noto
// Sans Arabic for Arabic and Noto Sans SC for Chinese (subsets shipped in apps/server/fonts).
// Lines break at spaces and between Chinese characters; the Unicode bidirectional algorithm
// (bidi-js) orders each line, so Arabic reads right to left with English names and numbers inside
// it left to right. PDFKit shapes every run through fontkit (Arabic joining forms, ligatures) and
// reverses a run of Arabic letters itself; other right-to-left runs are reversed here.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import bidiFactory from "bidi-js";
import * as fontkit from "fontkit";

const require = createRequire(import.meta.url);
const shipped = (file: string) => fileURLToPath(new URL(`../../fonts/${file}`, import.meta.url));

/** The files of the fonts, by the name a document registers them under. */
export const FONT_FILES = {
  "latin-regular": require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans.ttf"),
  "latin-bold": require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf"),
  "latin-italic": require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans-Oblique.ttf"),
  "latin-boldItalic": require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans-BoldOblique.ttf"),
  "arabic-regular": shipped("NotoSansArabic-Regular-subset.ttf"),
  "arabic-bold": shipped("NotoSansArabic-Bold-subset.ttf"),
  "han-regular": shipped("NotoSansSC-Regular-subset.woff2"),
  "han-bold": shipped("NotoSansSC-Bold-subset.woff2"),
} as const;
export type FontName = keyof typeof FONT_FILES;
export type Style = "regular" | "bold" | "italic" | "boldItalic";

const loaded = new Map<FontName, fontkit.Font>();
const fontOf = (name: FontName): fontkit.Font => {
  let font = loaded.get(name);
  if (!font) {
    font = fontkit.create(readFileSync(FONT_FILES[name]));
    loaded.set(name, font);
  }
  return font;
};
const has = (name: FontName, char: string) => fontOf(name).hasGlyphForCodePoint(char.codePointAt(0) ?? 0);

const ARABIC = /\p{Script=Arabic}/u;
const HAN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u3000-\u303f\uff00-\uffef]/u;
const NEUTRAL = /[\s\p{P}\p{S}]/u;
const bold = (style: Style) => style === "bold" || style === "boldItalic";

/**
 * The font that draws a character in a style: Arabic letters in Noto Sans Arabic, Chinese in Noto
 * Sans SC, the rest in DejaVu Sans; a space or a punctuation mark stays in the font before it when
 * that font has it, so that a run of Arabic or Chinese is not cut into pieces.
 */
export function fontFor(char: string, style: Style, previous: FontName | null = null): FontName {
  const arabic: FontName = bold(style) ? "arabic-bold" : "arabic-regular";
  const han: FontName = bold(style) ? "han-bold" : "han-regular";
  const latin: FontName = `latin-${style}`;
  if (ARABIC.test(char)) return arabic;
  if (HAN.test(char) && has(han, char)) return han;
  if (
    previous &&
    previous !== latin &&
    NEUTRAL.test(char) &&
    sameStyle(previous, style) &&
    has(previous, char)
  )
    return previous;
  if (has(latin, char)) return latin;
  if (has(arabic, char)) return arabic;
  if (has(han, char)) return han;
  return latin;
}
const sameStyle = (font: FontName, style: Style) => font.endsWith(bold(style) ? "-bold" : "-regular");

/** The characters of a text that no font draws (they would print as an empty box). */
export function missingCharacters(text: string, style: Style = "regular"): string[] {
  const missing = new Set<string>();
  for (const char of text) {
    if (/\s/.test(char)) continue;
    if (!has(fontFor(char, style), char)) missing.add(char);
  }
  return [...missing];
}

/** A piece of text in one style; a link makes it clickable. */
export interface Span {
  readonly text: string;
  readonly style?: Style;
  readonly colour?: string;
  readonly link?: string | null;
}

export interface WriteOptions {
  readonly x: number;
  /** The top of the first line; the document's current y when left out. */
  readonly y?: number;
  readonly width: number;
  readonly size: number;
  /** The paragraph's direction: right to left for Arabic documents. */
  readonly rtl: boolean;
  readonly style?: Style;
  readonly colour?: string;
  /** start and end follow the direction; left and right do not. */
  readonly align?: "start" | "end" | "center" | "left" | "right";
  readonly lineGap?: number;
  readonly paragraphGap?: number;
  /** More lines than this: the last one ends with an ellipsis. */
  readonly maxLines?: number;
  /** Only measure, draw nothing. */
  readonly measure?: boolean;
  /** Lines that do not fit move to a new page (text in the flow, not at a fixed place). */
  readonly flow?: boolean;
}

interface Piece {
  text: string;
  shown: string;
  font: FontName;
  colour: string;
  link: string | null;
  level: number;
  width: number;
  space: boolean;
  /** A mirrored bracket, kept apart from its neighbours. */
  alone: boolean;
}
interface Atom {
  pieces: Piece[];
  width: number;
  kind: "word" | "space" | "newline";
}

const bidi = bidiFactory();
// Closing punctuation of Chinese text: no line starts with it.
const NO_BREAK_BEFORE = /[，。、；：！？）」』》〉】…”’,.;:!?)\]}]/u;

interface FontMetrics {
  ascender: number;
  descender: number;
  lineGap: number;
}

/**
 * Writes text (one string or styled spans) into a box, wrapping lines, and returns the height
 * used; leaves the document's x at the box's left and y below the text.
 */
export function write(
  doc: PDFKit.PDFDocument,
  content: string | readonly Span[],
  options: WriteOptions,
): number {
  const spans: readonly Span[] = typeof content === "string" ? [{ text: content }] : content;
  const size = options.size;
  const text = spans.map((span) => span.text).join("");
  const levels = text ? bidi.getEmbeddingLevels(text, options.rtl ? "rtl" : "ltr").levels : new Uint8Array();
  const measure = (font: FontName, shown: string) => {
    doc.font(font).fontSize(size);
    return doc.widthOfString(shown);
  };

  // Characters into atoms (what a line never breaks inside), atoms into pieces (one font, style
  // and direction each).
  const atoms: Atom[] = [];
  let word: Atom | null = null; // the word a character joins, if it joins one
  let lastWord: Atom | null = null;
  let previousFont: FontName | null = null;
  let index = 0;
  for (const span of spans) {
    const style = span.style ?? options.style ?? "regular";
    const colour = span.colour ?? options.colour ?? "#000000";
    const link = span.link ?? null;
    for (const char of span.text) {
      const level = levels[index] ?? 0;
      index += char.length;
      if (char === "\n") {
        atoms.push({ pieces: [], width: 0, kind: "newline" });
        word = lastWord = null;
        continue;
      }
      const space = /\s/.test(char);
      let atom: Atom;
      if (space) {
        atom = { pieces: [], width: 0, kind: "space" };
        atoms.push(atom);
        word = lastWord = null;
      } else if (NO_BREAK_BEFORE.test(char) && lastWord) atom = lastWord;
      else if (word && !HAN.test(char)) atom = word;
      else {
        atom = { pieces: [], width: 0, kind: "word" };
        atoms.push(atom);
      }
      if (!space) {
        // A Chinese character is a word of its own: a line may break after it.
        word = HAN.test(char) ? null : atom;
        lastWord = atom;
      }
      const mirrored = level % 2 === 1 ? bidi.getMirroredCharacter(char) : null;
      const font = fontFor(mirrored ?? char, style, previousFont);
      previousFont = font;
      const last = atom.pieces[atom.pieces.length - 1];
      if (
        last &&
        !mirrored &&
        !last.alone &&
        last.font === font &&
        last.colour === colour &&
        last.link === link &&
        last.level === level
      )
        last.text += char;
      else
        atom.pieces.push({
          text: mirrored ?? char,
          shown: "",
          font,
          colour,
          link,
          level,
          width: 0,
          space,
          alone: mirrored !== null,
        });
    }
  }
  for (const a of atoms)
    for (const piece of a.pieces) {
      // fontkit reverses a run with Arabic letters (or digits); a run must read reversed when,
      // and only when, its level is odd.
      const reverse = (piece.level % 2 === 1) !== ARABIC.test(piece.text);
      piece.shown = reverse ? [...piece.text].reverse().join("") : piece.text;
      piece.width = measure(piece.font, piece.shown);
      a.width += piece.width;
    }

  // Atoms into lines; an atom wider than the box breaks between its characters.
  const lines: Piece[][] = [];
  let line: Piece[] = [];
  let lineWidth = 0;
  const push = () => {
    while (line.length > 0 && line[line.length - 1]?.space) line.pop();
    lines.push(line);
    line = [];
    lineWidth = 0;
  };
  const place = (pieces: readonly Piece[], width: number) => {
    if (lineWidth + width > options.width && line.some((piece) => !piece.space)) push();
    line.push(...pieces);
    lineWidth += width;
  };
  for (const a of atoms) {
    if (a.kind === "newline") push();
    else if (a.kind === "space") {
      if (line.length > 0) {
        line.push(...a.pieces);
        lineWidth += a.width;
      }
    } else if (a.width <= options.width) place(a.pieces, a.width);
    else
      for (const piece of a.pieces)
        for (const char of piece.text) {
          const single = { ...piece, text: char, shown: char, width: measure(piece.font, char) };
          place([single], single.width);
        }
  }
  if (line.length > 0 || lines.length === 0) push();
  if (options.maxLines && lines.length > options.maxLines) {
    lines.length = options.maxLines;
    const last = lines[options.maxLines - 1] ?? [];
    const ellipsisFont: FontName = "latin-regular";
    const ellipsis = measure(ellipsisFont, "…");
    let used = last.reduce((sum, piece) => sum + piece.width, 0);
    while (last.length > 0 && used + ellipsis > options.width) used -= last.pop()?.width ?? 0;
    last.push({
      text: "…",
      shown: "…",
      font: ellipsisFont,
      colour: options.colour ?? "#000000",
      link: null,
      level: options.rtl ? 1 : 0,
      width: ellipsis,
      space: false,
      alone: true,
    });
  }

  // Lines drawn: pieces in visual order (rule L2 of the bidirectional algorithm), the line's
  // height from the tallest font in it.
  const metrics = (font: FontName): FontMetrics => {
    doc.font(font).fontSize(size);
    return (doc as unknown as { _font: FontMetrics })._font;
  };
  const gap = options.lineGap ?? 0;
  const bottom = () => doc.page.height - doc.page.margins.bottom;
  let top = options.y ?? doc.y;
  const start = top;
  for (const pieces of lines) {
    const fonts = new Set<FontName>(pieces.map((piece) => piece.font));
    if (fonts.size === 0) fonts.add(`latin-${options.style ?? "regular"}`);
    let ascender = 0;
    let descender = 0;
    let fontGap = 0;
    for (const font of fonts) {
      const m = metrics(font);
      ascender = Math.max(ascender, (m.ascender / 1000) * size);
      descender = Math.max(descender, (-m.descender / 1000) * size);
      fontGap = Math.max(fontGap, (m.lineGap / 1000) * size);
    }
    const height = ascender + descender + fontGap;
    if (options.flow && !options.measure && top + height > bottom() && top > doc.page.margins.top + 1) {
      doc.addPage();
      top = doc.page.margins.top;
    }
    if (!options.measure) drawLine(doc, visualOrder(pieces), options, top + ascender, top, height, size);
    top += height + gap;
  }
  top += options.paragraphGap ?? 0;
  if (!options.measure) {
    doc.x = options.x;
    doc.y = top;
  }
  return top - start;
}

function visualOrder(pieces: readonly Piece[]): Piece[] {
  const ordered = [...pieces];
  const highest = Math.max(0, ...ordered.map((piece) => piece.level));
  const lowestOdd = Math.min(...ordered.map((piece) => piece.level).filter((level) => level % 2 === 1), 99);
  for (let level = highest; level >= lowestOdd && level > 0; level -= 1) {
    let from = 0;
    while (from < ordered.length) {
      if ((ordered[from]?.level ?? 0) < level) {
        from += 1;
        continue;
      }
      let to = from;
      while (to < ordered.length && (ordered[to]?.level ?? 0) >= level) to += 1;
      const run = ordered.slice(from, to).reverse();
      ordered.splice(from, run.length, ...run);
      from = to;
    }
  }
  return ordered;
}

function drawLine(
  doc: PDFKit.PDFDocument,
  pieces: readonly Piece[],
  options: WriteOptions,
  baseline: number,
  top: number,
  height: number,
  size: number,
): void {
  const width = pieces.reduce((sum, piece) => sum + piece.width, 0);
  const align = options.align ?? "start";
  const right = align === "right" || (align === "start" && options.rtl) || (align === "end" && !options.rtl);
  let x =
    align === "center"
      ? options.x + (options.width - width) / 2
      : right
        ? options.x + options.width - width
        : options.x;
  for (const piece of pieces) {
    if (!piece.space && piece.shown) {
      doc.font(piece.font).fontSize(size).fillColor(piece.colour);
      doc.text(piece.shown, x, baseline, { lineBreak: false, baseline: "alphabetic" });
    }
    if (piece.link) doc.link(x, top, piece.width, height, piece.link);
    x += piece.width;
  }
}
