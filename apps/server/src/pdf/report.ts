// Printable PDF documents (compendium booklets; later risk and self-assessment reports): A4 pages
// with a cover, bookmarks, Markdown rendered as headings, paragraphs, lists, quotes and links, the
// TLP marking at the top of every page in its colours when the content is not CLEAR, and page
// numbers. Text is written in the reader's language: right to left in Arabic, each character in a
// font that has it (DejaVu Sans; Noto Sans Arabic and Noto Sans SC, shipped in apps/server/fonts),
// see text.ts and ADR 0029. Nothing is fetched: fonts come from the repository and node_modules.
import type { TlpMarking } from "@bulwark/core";
import type { PhrasingContent, Root, RootContent } from "mdast";
import { fromMarkdown } from "mdast-util-from-markdown";
import PDFDocument from "pdfkit";
import { type Language, say } from "../i18n/messages.ts";
import { FONT_FILES, type Span, type Style, type WriteOptions, write } from "./text.ts";

type FontName = Style;

export type { Span } from "./text.ts";

/** The FIRST TLP 2.0 colours: the label in colour on black. */
const TLP_COLOURS: Record<TlpMarking, string> = {
  clear: "#FFFFFF",
  green: "#33FF00",
  amber: "#FFC000",
  "amber+strict": "#FFC000",
  red: "#FF2B2B",
};

const INK = "#1A1B1E";
const MUTED = "#5C5F66";
const ACCENT = "#1C5D99";
const MARGIN = 56;
const BODY_SIZE = 10.5;
const HEADING_SIZES = [20, 15, 12.5, 11.5, 11, 10.5] as const;

export interface ReportOptions {
  readonly title: string;
  /** The widest marking of what the document holds; CLEAR prints no label. */
  readonly marking: TlpMarking;
  /** The reader's language (default English): the report's own words, and right to left in Arabic. */
  readonly language?: Language | string;
  readonly createdAt: Date;
  /** Shown at the foot of every page, left of the page number. */
  readonly footer: string;
}

export class PdfReport {
  private readonly doc: PDFKit.PDFDocument;
  private readonly chunks: Buffer[] = [];
  private readonly done: Promise<Buffer>;

  /** The reader's language, one of the six (English for anything else). */
  readonly language: Language;
  /** Arabic: lines read and align from the right, tables run from the right. */
  readonly rtl: boolean;

  constructor(private readonly options: ReportOptions) {
    this.language =
      (["ar", "zh", "en", "fr", "ru", "es"] as const).find((l) => l === options.language) ?? "en";
    this.rtl = this.language === "ar";
    this.doc = new PDFDocument({
      size: "A4",
      margins: { top: MARGIN + 14, bottom: MARGIN + 10, left: MARGIN, right: MARGIN },
      bufferPages: true,
      autoFirstPage: true,
      lang: this.language,
      displayTitle: true,
      info: {
        Title: options.title,
        Creator: "Bulwark",
        Producer: "Bulwark (PDFKit)",
        CreationDate: options.createdAt,
        ModDate: options.createdAt,
      },
    });
    for (const [name, file] of Object.entries(FONT_FILES)) this.doc.registerFont(name, file);
    this.font("regular", BODY_SIZE);
    this.doc.on("data", (chunk: Buffer) => this.chunks.push(chunk));
    this.done = new Promise((resolve, reject) => {
      this.doc.on("end", () => resolve(Buffer.concat(this.chunks)));
      this.doc.on("error", reject);
    });
  }

  private style: FontName = "regular";
  private size = BODY_SIZE;
  private colour = INK;

  private font(name: FontName, size: number, colour = INK): void {
    this.style = name;
    this.size = size;
    this.colour = colour;
    this.doc.font(`latin-${name}`).fontSize(size).fillColor(colour);
  }

  /**
   * Writes text in the current font, size and colour (text.ts): in the flow at the left margin
   * over the text width unless placed; returns the height it took.
   */
  private put(
    content: string | readonly Span[],
    options: Partial<Omit<WriteOptions, "rtl" | "size" | "style" | "colour">> = {},
  ): number {
    const height = write(this.doc, content, {
      x: this.doc.page.margins.left,
      width: this.width,
      flow: options.y === undefined,
      ...options,
      rtl: this.rtl,
      size: this.size,
      style: this.style,
      colour: this.colour,
    });
    this.doc.font(`latin-${this.style}`).fontSize(this.size).fillColor(this.colour);
    return height;
  }

  /** The height text would take in a font and size over a width. */
  private heightOf(content: string | readonly Span[], style: FontName, size: number, width: number): number {
    return write(this.doc, content, { x: 0, y: 0, width, size, style, rtl: this.rtl, measure: true });
  }

  /** The report's own words (chart keys, "not answered") in the reader's language. */
  private say(key: "pdf.notAnswered" | "pdf.appetiteLine"): string {
    return say(this.language, { key });
  }

  private get width(): number {
    return this.doc.page.width - this.doc.page.margins.left - this.doc.page.margins.right;
  }

  /** Starts a new page unless the current one is still empty. */
  newPage(): void {
    if (this.doc.y > this.doc.page.margins.top + 1) this.doc.addPage();
  }

  /** Leaves room for `height` points, or moves to a new page. */
  private keep(height: number): void {
    if (this.doc.y + height > this.doc.page.height - this.doc.page.margins.bottom) this.doc.addPage();
  }

  /** A cover: the title large, then lines of explanation. */
  cover(title: string, subtitle: string, lines: readonly string[]): void {
    this.doc.y = this.doc.page.height * 0.28;
    this.font("bold", 26);
    this.put(title);
    this.doc.moveDown(0.4);
    this.font("regular", 13, MUTED);
    this.put(subtitle);
    this.doc.moveDown(1.5);
    this.font("regular", BODY_SIZE, INK);
    for (const line of lines) this.put(line, { paragraphGap: 4 });
  }

  /** A heading; level 1 and 2 headings also become bookmarks (level 2 under the last level 1). */
  heading(text: string, level: 1 | 2 | 3 | 4 | 5 | 6, bookmark = false): void {
    const size = HEADING_SIZES[level - 1] ?? BODY_SIZE;
    this.keep(size * 3);
    if (this.doc.y > this.doc.page.margins.top + 1) this.doc.moveDown(level <= 2 ? 0.8 : 0.5);
    if (bookmark) {
      if (level === 1 || !this.lastBookmark) this.lastBookmark = this.doc.outline.addItem(text);
      else this.lastBookmark.addItem(text);
    }
    this.font("bold", size, level <= 2 ? INK : ACCENT);
    this.put(text);
    this.doc.moveDown(0.3);
    this.font("regular", BODY_SIZE);
  }
  private lastBookmark: PDFKit.PDFOutline | null = null;

  /** Small grey text: a line of tags, a citation. */
  note(text: string): void {
    this.font("regular", 9, MUTED);
    this.put(text, { paragraphGap: 3 });
    this.font("regular", BODY_SIZE);
  }

  /** Label: value lines. */
  facts(rows: readonly (readonly [string, string])[]): void {
    for (const [label, value] of rows) {
      if (!value) continue;
      this.font("regular", 9, INK);
      this.put(
        [
          { text: `${label}${LABEL_END[this.language]}`, style: "bold", colour: MUTED },
          { text: value, style: "regular", colour: INK },
        ],
        { paragraphGap: 2 },
      );
    }
    this.font("regular", BODY_SIZE);
    this.doc.moveDown(0.4);
  }

  paragraph(text: string): void {
    this.font("regular", BODY_SIZE);
    this.put(text, { paragraphGap: 6, lineGap: 1.5 });
  }

  /** Leaves a little vertical space. */
  space(lines = 0.6): void {
    this.doc.moveDown(lines);
  }

  /**
   * A table: a bold header row on a grey band, then rows whose cells wrap; `widths` are fractions
   * of the text width. A row that does not fit starts a new page, where the header is repeated.
   */
  table(headers: readonly string[], rows: readonly (readonly string[])[], widths: readonly number[]): void {
    const left = this.doc.page.margins.left;
    const columns = widths.map((fraction) => fraction * this.width);
    const pad = 3;
    const size = 8.5;
    const heightOf = (cells: readonly string[], font: FontName) =>
      Math.max(
        ...cells.map((cell, index) =>
          this.heightOf(cell || " ", font, size, (columns[index] ?? 40) - 2 * pad),
        ),
      ) +
      2 * pad;
    const drawRow = (cells: readonly string[], font: FontName, band: string | null) => {
      const height = heightOf(cells, font);
      this.keep(height);
      const top = this.doc.y;
      if (band) this.doc.rect(left, top, this.width, height).fill(band);
      // Columns run from the left, or from the right in Arabic.
      let x = this.rtl ? left + this.width : left;
      cells.forEach((cell, index) => {
        const column = columns[index] ?? 40;
        if (this.rtl) x -= column;
        this.font(font, size, INK);
        this.put(cell, { x: x + pad, y: top + pad, width: column - 2 * pad });
        if (!this.rtl) x += column;
      });
      this.doc
        .moveTo(left, top + height)
        .lineTo(left + this.width, top + height)
        .lineWidth(0.5)
        .strokeColor("#DEE2E6")
        .stroke();
      this.doc.x = left;
      this.doc.y = top + height;
    };
    this.keep(heightOf(headers, "bold") + 24);
    drawRow(headers, "bold", "#F1F3F5");
    for (const row of rows) {
      if (this.doc.y + heightOf(row, "regular") > this.doc.page.height - this.doc.page.margins.bottom) {
        this.doc.addPage();
        drawRow(headers, "bold", "#F1F3F5");
      }
      drawRow(row, "regular", null);
    }
    this.font("regular", BODY_SIZE);
    this.doc.moveDown(0.6);
  }

  /**
   * A radar chart of scores from 0 to 1, drawn with vector paths: rings at 25 % steps, one spoke
   * per axis labelled with its name and score, this run filled in blue and an optional earlier
   * run outlined in grey. An axis without a score counts as 0 on the chart and says so.
   */
  radarChart(
    axes: readonly { label: string; value: number | null; previous?: number | null }[],
    legend: { current: string; previous?: string },
  ): void {
    // Fewer than three axes make no polygon: the table that follows the chart says it all.
    if (axes.length < 3) return;
    const radius = 105;
    const height = 2 * radius + 90;
    this.keep(height);
    const top = this.doc.y;
    const cx = this.doc.page.margins.left + this.width / 2;
    const cy = top + radius + 40;
    const angle = (index: number) => -Math.PI / 2 + (2 * Math.PI * index) / axes.length;
    const point = (index: number, value: number) =>
      [cx + Math.cos(angle(index)) * radius * value, cy + Math.sin(angle(index)) * radius * value] as const;
    const polygon = (values: readonly number[]) => {
      values.forEach((value, index) => {
        const [x, y] = point(index, value);
        if (index === 0) this.doc.moveTo(x, y);
        else this.doc.lineTo(x, y);
      });
      this.doc.closePath();
    };
    this.doc.lineWidth(0.5);
    for (const ring of [0.25, 0.5, 0.75, 1]) {
      polygon(axes.map(() => ring));
      this.doc.strokeColor("#CED4DA").stroke();
    }
    axes.forEach((_, index) => {
      const [x, y] = point(index, 1);
      this.doc.moveTo(cx, cy).lineTo(x, y).strokeColor("#CED4DA").stroke();
    });
    if (axes.some((axis) => axis.previous !== undefined)) {
      polygon(axes.map((axis) => axis.previous ?? 0));
      this.doc.lineWidth(1.2).dash(3, { space: 2 }).strokeColor("#868E96").stroke().undash();
    }
    polygon(axes.map((axis) => axis.value ?? 0));
    this.doc.lineWidth(1.5).fillOpacity(0.25).fillAndStroke(ACCENT, ACCENT).fillOpacity(1);
    this.doc.lineWidth(1);
    axes.forEach((axis, index) => {
      const [x, y] = point(index, 1.12);
      const text = `${axis.label} (${axis.value === null ? this.say("pdf.notAnswered") : formatPercent(axis.value)})`;
      const cos = Math.cos(angle(index));
      const boxWidth = 130;
      const align = Math.abs(cos) < 0.2 ? "center" : cos > 0 ? "left" : "right";
      const boxX = align === "center" ? x - boxWidth / 2 : align === "left" ? x : x - boxWidth;
      this.font("regular", 7.5, INK);
      const boxHeight = this.heightOf(text, "regular", 7.5, boxWidth);
      const boxY =
        Math.sin(angle(index)) < -0.2 ? y - boxHeight : Math.sin(angle(index)) > 0.2 ? y : y - boxHeight / 2;
      this.put(text, { x: boxX, y: boxY, width: boxWidth, align });
    });
    const legendY = top + height - 18;
    const left = this.doc.page.margins.left;
    this.doc.rect(left, legendY, 10, 8).fillOpacity(0.4).fill(ACCENT).fillOpacity(1);
    this.font("regular", 8, MUTED);
    this.put(legend.current, { x: left + 14, y: legendY, width: 100, align: "left", maxLines: 1 });
    if (legend.previous) {
      this.doc
        .moveTo(left + 120, legendY + 4)
        .lineTo(left + 134, legendY + 4)
        .lineWidth(1.2)
        .dash(3, { space: 2 })
        .strokeColor("#868E96")
        .stroke()
        .undash();
      this.put(legend.previous, {
        x: left + 138,
        y: legendY,
        width: this.width - 138,
        align: "left",
        maxLines: 1,
      });
    }
    this.doc.lineWidth(1);
    this.doc.x = left;
    this.doc.y = top + height;
    this.font("regular", BODY_SIZE);
  }

  /**
   * A 5x5 risk matrix drawn with vector paths: consequence rising upwards, exposure to the right,
   * each cell in its band's colour (rows consequence 1-5, columns exposure 1-5), a thick line
   * along the edge between cells within appetite and cells above it, and either counts per cell
   * (a heat map) or the points of one assessment (filled: now; dashed ring: residual).
   */
  riskMatrix(options: {
    readonly colours: readonly (readonly string[])[];
    readonly aboveAppetite: readonly (readonly boolean[])[];
    readonly counts?: readonly (readonly number[])[];
    readonly points?: readonly { exposure: number; consequence: number; label: string; hollow?: boolean }[];
    readonly xLabel: string;
    readonly yLabel: string;
  }): void {
    const cell = 38;
    const size = cell * 5;
    const legendLines = options.points?.length ?? 0;
    this.keep(size + 40 + legendLines * 14);
    const top = this.doc.y + 4;
    const left = this.doc.page.margins.left + 30;
    const xOf = (exposure: number) => left + (exposure - 1) * cell;
    const yOf = (consequence: number) => top + (5 - consequence) * cell;
    const above = (e: number, c: number) => options.aboveAppetite[c - 1]?.[e - 1] ?? false;
    for (let c = 1; c <= 5; c++)
      for (let e = 1; e <= 5; e++) {
        const count = options.counts?.[c - 1]?.[e - 1] ?? 0;
        this.doc
          .rect(xOf(e), yOf(c), cell, cell)
          .fillOpacity(options.counts && count === 0 ? 0.3 : 0.8)
          .fill(options.colours[c - 1]?.[e - 1] ?? "#CED4DA")
          .fillOpacity(1);
        this.doc.rect(xOf(e), yOf(c), cell, cell).lineWidth(1.5).strokeColor("#FFFFFF").stroke();
        if (options.counts && count > 0) {
          this.font("bold", 12, INK);
          this.put(String(count), { x: xOf(e), y: yOf(c) + cell / 2 - 7, width: cell, align: "center" });
        }
      }
    this.doc.lineWidth(3).lineCap("round").strokeColor(INK);
    for (let e = 1; e <= 5; e++)
      for (let c = 1; c <= 5; c++) {
        if (!above(e, c)) continue;
        if (e > 1 && !above(e - 1, c))
          this.doc
            .moveTo(xOf(e), yOf(c))
            .lineTo(xOf(e), yOf(c) + cell)
            .stroke();
        if (c > 1 && !above(e, c - 1))
          this.doc
            .moveTo(xOf(e), yOf(c) + cell)
            .lineTo(xOf(e) + cell, yOf(c) + cell)
            .stroke();
      }
    this.doc.lineCap("butt").lineWidth(1);
    this.font("regular", 8, MUTED);
    for (let n = 1; n <= 5; n++) {
      this.put(String(n), { x: xOf(n), y: top + size + 3, width: cell, align: "center", maxLines: 1 });
      this.put(String(n), { x: left - 14, y: yOf(n) + cell / 2 - 4, width: 10, align: "right", maxLines: 1 });
    }
    this.put(options.xLabel, { x: left, y: top + size + 14, width: size, align: "center", maxLines: 1 });
    this.doc.save();
    this.doc.rotate(-90, { origin: [left - 24, top + size / 2] });
    this.put(options.yLabel, {
      x: left - 24 - size / 2,
      y: top + size / 2 - 4,
      width: size,
      align: "center",
      maxLines: 1,
    });
    this.doc.restore();
    for (const point of options.points ?? []) {
      const x = xOf(point.exposure) + cell / 2;
      const y = yOf(point.consequence) + cell / 2;
      if (point.hollow)
        this.doc.circle(x, y, 9).lineWidth(2).dash(3, { space: 2 }).strokeColor(INK).stroke().undash();
      else this.doc.circle(x, y, 10).fill(INK);
    }
    this.doc.lineWidth(1);
    this.doc.x = this.doc.page.margins.left;
    this.doc.y = top + size + 32;
    // The key: what the line and the points are.
    const keyX = this.doc.page.margins.left;
    this.font("regular", 8.5, INK);
    this.doc
      .moveTo(keyX, this.doc.y + 5)
      .lineTo(keyX + 16, this.doc.y + 5)
      .lineWidth(3)
      .strokeColor(INK)
      .stroke();
    this.doc.lineWidth(1);
    this.put(this.say("pdf.appetiteLine"), { x: keyX + 24, width: this.width - 24, align: "left" });
    for (const point of options.points ?? []) {
      const y = this.doc.y + 5;
      if (point.hollow)
        this.doc
          .circle(keyX + 8, y, 4.5)
          .lineWidth(1.5)
          .dash(2, { space: 1.5 })
          .strokeColor(INK)
          .stroke()
          .undash();
      else this.doc.circle(keyX + 8, y, 5).fill(INK);
      this.font("regular", 8.5, INK);
      this.put(point.label, { x: keyX + 24, width: this.width - 24, align: "left" });
    }
    this.doc.lineWidth(1);
    this.doc.x = this.doc.page.margins.left;
    this.doc.moveDown(0.6);
    this.font("regular", BODY_SIZE);
  }

  /** Markdown, as CommonMark reads it (raw HTML is printed as text, never interpreted). */
  markdown(text: string, headingOffset = 0): void {
    const tree: Root = fromMarkdown(text);
    for (const node of tree.children) this.block(node, 0, headingOffset);
  }

  private block(node: RootContent, depth: number, headingOffset: number): void {
    const indent = depth * 14;
    switch (node.type) {
      case "heading": {
        const level = Math.min(6, node.depth + headingOffset) as 1 | 2 | 3 | 4 | 5 | 6;
        this.heading(plainText(node.children), level);
        return;
      }
      case "paragraph":
        this.inline(node.children, indent);
        this.doc.moveDown(0.5);
        return;
      case "list":
        node.children.forEach((item, index) => {
          const marker = node.ordered ? `${(node.start ?? 1) + index}.` : "•";
          this.keep(BODY_SIZE * 2);
          const top = this.doc.y;
          this.font("regular", BODY_SIZE);
          const markerX = this.rtl
            ? this.doc.page.margins.left + this.width - indent - 14
            : this.doc.page.margins.left + indent;
          this.put(marker, { x: markerX, y: top, width: 14, maxLines: 1 });
          this.doc.y = top;
          for (const child of item.children) {
            if (child.type === "paragraph") {
              this.inline(child.children, indent + 16);
              this.doc.moveDown(0.2);
            } else this.block(child, depth + 1, headingOffset);
          }
        });
        this.doc.x = this.doc.page.margins.left;
        this.doc.moveDown(0.3);
        return;
      case "blockquote":
        for (const child of node.children) this.block(child, depth + 1, headingOffset);
        return;
      case "code":
        this.font("regular", 9, MUTED);
        this.put(node.value, {
          x: this.doc.page.margins.left + (this.rtl ? 0 : indent + 8),
          width: this.width - indent - 8,
          paragraphGap: 6,
        });
        this.doc.x = this.doc.page.margins.left;
        this.font("regular", BODY_SIZE);
        return;
      case "thematicBreak": {
        const y = this.doc.y + 4;
        this.doc
          .moveTo(this.doc.page.margins.left, y)
          .lineTo(this.doc.page.margins.left + this.width, y)
          .strokeColor("#CED4DA")
          .stroke();
        this.doc.moveDown(0.8);
        return;
      }
      case "table":
        for (const row of node.children)
          this.paragraph(row.children.map((cell) => plainText(cell.children)).join("  |  "));
        return;
      case "html":
        this.paragraph(node.value);
        return;
      default:
        return;
    }
  }

  /** Runs of text with their styles, wrapped together; links print their address after the text. */
  private inline(children: readonly PhrasingContent[], indent: number): void {
    const runs: { text: string; font: FontName; link?: string }[] = [];
    const walk = (nodes: readonly PhrasingContent[], bold: boolean, italic: boolean, link?: string) => {
      for (const node of nodes) {
        const font: FontName = bold && italic ? "boldItalic" : bold ? "bold" : italic ? "italic" : "regular";
        if (node.type === "text" || node.type === "inlineCode" || node.type === "html")
          runs.push({ text: node.value.replace(/\n/g, " "), font, ...(link ? { link } : {}) });
        else if (node.type === "break") runs.push({ text: "\n", font });
        else if (node.type === "strong") walk(node.children, true, italic, link);
        else if (node.type === "emphasis") walk(node.children, bold, true, link);
        else if (node.type === "delete") walk(node.children, bold, italic, link);
        else if (node.type === "link") {
          walk(node.children, bold, italic, node.url);
          const shown = plainText(node.children);
          if (shown !== node.url) runs.push({ text: ` (${node.url})`, font: "regular", link: node.url });
        } else if (node.type === "image") runs.push({ text: node.alt ?? "", font });
      }
    };
    walk(children, false, false);
    if (runs.length === 0) return;
    this.font("regular", BODY_SIZE);
    this.put(
      runs.map((run) => ({
        text: run.text,
        style: run.font,
        colour: run.link ? ACCENT : INK,
        link: run.link && /^https?:\/\//.test(run.link) ? run.link : null,
      })),
      { x: this.doc.page.margins.left + (this.rtl ? 0 : indent), width: this.width - indent, lineGap: 1.5 },
    );
    this.doc.x = this.doc.page.margins.left;
    this.font("regular", BODY_SIZE);
  }

  /** Finishes the document: the TLP label and page numbers on every page. */
  async finish(): Promise<Buffer> {
    const { start, count } = this.doc.bufferedPageRange();
    for (let index = start; index < start + count; index += 1) {
      this.doc.switchToPage(index);
      const { page } = this.doc;
      const bottom = page.margins.bottom;
      page.margins.bottom = 0;
      if (this.options.marking !== "clear") {
        const label = `TLP:${this.options.marking.toUpperCase()}`;
        this.doc.font("latin-bold").fontSize(10);
        const width = this.doc.widthOfString(label) + 12;
        const x = page.width - page.margins.right - width;
        this.doc.rect(x, MARGIN - 22, width, 16).fill("#000000");
        this.doc.fillColor(TLP_COLOURS[this.options.marking]).text(label, x + 6, MARGIN - 19, {
          lineBreak: false,
        });
      }
      // The footer where lines start, the page number where they end.
      this.font("regular", 8, MUTED);
      this.put(this.options.footer, {
        x: page.margins.left + (this.rtl ? 80 : 0),
        y: page.height - MARGIN + 14,
        width: this.width - 80,
        maxLines: 1,
      });
      this.put(`${index + 1 - start} / ${count}`, {
        x: this.rtl ? page.margins.left : page.width - page.margins.right - 80,
        y: page.height - MARGIN + 14,
        width: 80,
        align: "end",
        maxLines: 1,
      });
      page.margins.bottom = bottom;
    }
    this.doc.end();
    return this.done;
  }
}

/** What ends a label before its value ("Sector: …", « Secteur : … », "部门：…"). */
const LABEL_END: Readonly<Record<Language, string>> = {
  ar: ": ",
  en: ": ",
  es: ": ",
  fr: "\u00a0: ",
  ru: ": ",
  zh: "：",
};

/** A score from 0 to 1 as a whole percentage, written as the web pages write it ("75 %"). */
export const formatPercent = (score: number | null): string =>
  score === null ? "—" : `${Math.round(score * 100)} %`;

/** The text of inline Markdown, marks dropped. */
export function plainText(nodes: readonly PhrasingContent[]): string {
  return nodes
    .map((node) =>
      "value" in node ? node.value : "children" in node ? plainText(node.children as PhrasingContent[]) : "",
    )
    .join("");
}
