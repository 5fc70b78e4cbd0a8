// The one way Bulwark writes XML (CAP 1.2 messages, the Atom feed of alerts, any later format):
// fast-xml-parser's builder over a plain object tree, with every string in the tree first made
// into text XML 1.0 can hold. XML 1.0 forbids the C0 control characters other than tab, line feed
// and carriage return, U+FFFE, U+FFFF and unpaired surrogates: one of them anywhere (an alert's
// title typed with a stray control character) makes the whole document malformed for every
// consumer. Each is replaced by U+FFFD, so a reader sees that something was there.
import { XMLBuilder } from "fast-xml-parser";

/** A character XML 1.0 forbids (in u mode, [\uD800-\uDFFF] matches only an unpaired surrogate). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly the characters to find.
export const XML_FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDFFF]/u;
const EVERY_FORBIDDEN = new RegExp(XML_FORBIDDEN.source, "gu");

/** The text with every character XML 1.0 forbids replaced by U+FFFD. */
export const xmlText = (text: string): string => text.replace(EVERY_FORBIDDEN, "\uFFFD");

/** Every string of a plain tree (keys included: they become element and attribute names) as xmlText. */
function xmlSafe(value: unknown): unknown {
  if (typeof value === "string") return xmlText(value);
  if (Array.isArray(value)) return value.map(xmlSafe);
  if (typeof value === "object" && value !== null)
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [xmlText(key), xmlSafe(inner)]));
  return value;
}

const builders = new Map<boolean, XMLBuilder>();

/**
 * The document as indented XML: attributes under "@_" keys, entities escaped. Made on first use,
 * since importing core (the web app does) must not build an XML writer.
 */
export function buildXml(document: Record<string, unknown>, options: { suppressEmptyNode: boolean }): string {
  let builder = builders.get(options.suppressEmptyNode);
  if (!builder) {
    builder = new XMLBuilder({
      ignoreAttributes: false,
      attributeNamePrefix: "@_",
      format: true,
      indentBy: "  ",
      suppressEmptyNode: options.suppressEmptyNode,
      processEntities: true,
    });
    builders.set(options.suppressEmptyNode, builder);
  }
  return builder.build(xmlSafe(document));
}
