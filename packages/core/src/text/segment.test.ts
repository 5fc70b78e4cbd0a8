import { describe, expect, it } from "vitest";
import { hasHan, searchableQuery, searchableText, segmentWords } from "./segment.ts";

describe("Chinese word segmentation for search", () => {
  it("splits Han text into words and leaves punctuation out", () => {
    expect(segmentWords("《网络安全法》")).toEqual(["网络", "安全", "法"]);
    expect(searchableText("关键基础设施，网络安全")).toBe("关键 基础 设施 网络 安全");
  });

  it("leaves text without Han characters as it is", () => {
    expect(hasHan("Résolution 2341")).toBe(false);
    expect(searchableText("Résolution 2341 (2017)")).toBe("Résolution 2341 (2017)");
    expect(searchableQuery('"critical infrastructure" -drone or grid')).toBe(
      '"critical infrastructure" -drone or grid',
    );
  });

  it("splits the Han terms of a query, keeping phrases and exclusions whole", () => {
    expect(searchableQuery("网络安全 grid")).toBe("网络 安全 grid");
    expect(searchableQuery('"关键基础设施" 决议')).toBe('"关键 基础 设施" 决议');
    expect(searchableQuery("决议 -网络安全")).toBe('决议 -"网络 安全"');
    expect(searchableQuery("-决议")).toBe("-决议");
  });
});
