import { describe, expect, it } from "vitest";
import { versionCache } from "../../src/index/version-cache.ts";

describe("a cache per index version", () => {
  it("works a value out once per version and key, and apart for another version", () => {
    const cache = versionCache<object, string, number>();
    let computed = 0;
    const v1 = {};
    const v2 = {};
    expect(cache(v1, "a", () => ++computed)).toBe(1);
    expect(cache(v1, "a", () => ++computed)).toBe(1);
    expect(cache(v2, "a", () => ++computed)).toBe(2);
    expect(computed).toBe(2);
  });

  it("stays within its bound by starting afresh", () => {
    const cache = versionCache<object, number, number>(2);
    const v = {};
    let computed = 0;
    for (let k = 0; k < 5; k++) cache(v, k, () => ++computed);
    expect(cache(v, 0, () => ++computed)).toBe(6);
  });
});
