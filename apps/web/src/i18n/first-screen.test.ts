// The English that comes with the app (en-first-screen.ts) holds a few words of capabilities whose
// strings otherwise load with their pages (en-later.ts): each must read as in the complete set, so
// that the menu does not change its words when the rest arrives.
import { describe, expect, it } from "vitest";
import { en } from "./en.ts";
import { enFirstScreen } from "./en-first-screen.ts";
import { enLater } from "./en-later.ts";

type Tree = { readonly [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ""): [string, string][] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === "string"
      ? [[`${prefix}${key}`, value] as [string, string]]
      : leaves(value, `${prefix}${key}.`),
  );
}

function at(tree: Tree, path: string): string | Tree | undefined {
  let node: string | Tree | undefined = tree;
  for (const key of path.split(".")) node = typeof node === "object" ? node[key] : undefined;
  return node;
}

describe("the first screen's English", () => {
  it("reads every word as the complete set does", () => {
    const differing = leaves(enFirstScreen).filter(([path, value]) => at(en, path) !== value);
    expect(differing).toEqual([]);
  });

  it("leaves the bulk of the pages' strings to the chunk loaded with them", () => {
    const first = leaves(enFirstScreen).length;
    const later = leaves(enLater).length;
    expect(later).toBeGreaterThan(first);
  });
});
