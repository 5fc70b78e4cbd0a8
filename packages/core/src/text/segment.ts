// Chinese (and any text written without spaces between words, in Han characters) split into words
// for full-text search. PostgreSQL and PGlite have no Chinese parser: their default parser reads a
// run of Han characters as one word, so a search for one word of a title would never match. The
// application splits such text with Intl.Segmenter (word granularity, ICU's dictionary) before it
// is indexed and before a query is parsed, so both sides hold the same words.

const HAN = /\p{Script=Han}/u;

let segmenter: Intl.Segmenter | null = null;
const chinese = (): Intl.Segmenter => {
  segmenter ??= new Intl.Segmenter("zh", { granularity: "word" });
  return segmenter;
};

/** Whether the text holds a Han character (then it needs segmenting to be searched by word). */
export const hasHan = (text: string): boolean => HAN.test(text);

/** The words of a piece of text as Intl.Segmenter finds them (punctuation and spaces left out). */
export function segmentWords(text: string): string[] {
  const words: string[] = [];
  for (const part of chinese().segment(text)) if (part.isWordLike) words.push(part.segment);
  return words;
}

/**
 * Text as the search index reads it: with Han characters, its words separated by spaces (its
 * punctuation left out); without, unchanged.
 */
export function searchableText(text: string): string {
  return hasHan(text) ? segmentWords(text).join(" ") : text;
}

/**
 * A query in web-search syntax ("quoted phrases", -excluded words, or) with every term holding Han
 * characters split into words: a plain term becomes its words (all of them must match), a quoted
 * one a phrase of them, an excluded one an excluded phrase (-"a b", so that the whole term is
 * excluded, not only its first word). Other terms and the syntax are left as they are.
 */
export function searchableQuery(query: string): string {
  if (!hasHan(query)) return query;
  const parts = query.split('"');
  return parts
    .map((part, index) => {
      const quoted = index % 2 === 1 && index < parts.length - 1;
      if (quoted) return segmentWords(part).join(" ") || part;
      return part
        .split(/(\s+)/)
        .map((token) => {
          if (!hasHan(token)) return token;
          const negated = token.startsWith("-");
          const words = segmentWords(negated ? token.slice(1) : token);
          if (words.length === 0) return token;
          if (words.length === 1) return `${negated ? "-" : ""}${words[0]}`;
          return negated ? `-"${words.join(" ")}"` : words.join(" ");
        })
        .join("");
    })
    .join('"');
}
