// A sentence said to a person: a key of a catalogue of English sentences with {{placeholders}} and
// {{count, plural, one {…} other {…}}} blocks, and its values. Core names what is wrong this way;
// the server's catalogue (apps/server/src/i18n) says it in the caller's language, and core gives
// the English for the CLI, logs and its own tests.

/** A catalogue key and the values of its placeholders. */
export interface Sentence<K extends string = string> {
  readonly key: K;
  readonly values?: Readonly<Record<string, string | number>>;
}

const PLURAL =
  /\{\{(\w+), plural,((?:\s*(?:zero|one|two|few|many|other)\s*\{(?:[^{}]|\{\{\w+\}\})*\})+)\s*\}\}/g;
const BRANCH = /(zero|one|two|few|many|other)\s*\{((?:[^{}]|\{\{\w+\}\})*)\}/g;
const ENGLISH_PLURALS = new Intl.PluralRules("en");

/** An English template with its values filled in (numbers as written, counts by English plurals). */
export function fillEnglish(template: string, values: Sentence["values"] = {}): string {
  const counted = template.replace(PLURAL, (whole, name: string, branches: string) => {
    const count = values[name];
    if (typeof count !== "number") return whole;
    const forms = new Map([...branches.matchAll(BRANCH)].map((b) => [b[1] ?? "", b[2] ?? ""]));
    return (forms.get(ENGLISH_PLURALS.select(count)) ?? forms.get("other") ?? "").replaceAll(
      "#",
      String(count),
    );
  });
  return counted.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => {
    const value = values[name];
    return value === undefined ? whole : String(value);
  });
}
