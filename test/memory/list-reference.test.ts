import { describe, expect, it } from "vitest";
import { itemAt, listNamedBy, listReference, type SectionTree } from "../../src/memory/list-reference.ts";

describe("a turn that picks an item of the last answer's list", () => {
  it.each([
    ["and the third one?", { kind: "position", position: 3 }],
    ["wat about the 3rd one", { kind: "position", position: 3 }],
    ["going back to the first one you mentioned", { kind: "position", position: 1 }],
    ["the last one on the list, what is it", { kind: "position", position: "last" }],
    ["the second thing u said, is that bad", { kind: "position", position: 2 }],
    ["what about number 4", { kind: "position", position: 4 }],
    ["the disc one, does it hurt", { kind: "description" }],
    ["and the one gymnasts get", { kind: "description" }],
    ["which of them is from a muscle", { kind: "description" }],
  ])("%s", (text, expected) => {
    expect(listReference(text)).toEqual(expected);
  });

  it.each([
    "first time it happened was last night",
    "it was worse first thing in the morning",
    "the right one is worse than the left",
    "the other one hurts too",
    "i could not do a number 2 all day",
    "my pain is number 8 out of 10",
  ])("%s: no list reference", (text) => {
    expect(listReference(text)).toBeNull();
  });
});

describe("the list the last answer named", () => {
  const children = new Map([
    ["7 Reasons", ["1. Sciatica", "2. Herniated Disc", "3. Spinal Stenosis"]],
    ["Title", ["7 Reasons", "Treatments"]],
  ]);
  const parents = new Map([["1. Sciatica", "7 Reasons"], ["2. Herniated Disc", "7 Reasons"], ["3. Spinal Stenosis", "7 Reasons"], ["7 Reasons", "Title"], ["Treatments", "Title"]]);
  const tree: SectionTree = { childrenOf: (s) => children.get(s), parentOf: (s) => parents.get(s) };

  it("is the numbered list under the heading that answered, or the one its item belongs to", () => {
    expect(itemAt(listNamedBy(["7 Reasons"], tree, { kind: "position", position: 3 }), 3)).toBe("3. Spinal Stenosis");
    expect(itemAt(listNamedBy(["1. Sciatica"], tree, { kind: "position", position: 2 }), 2)).toBe("2. Herniated Disc");
    expect(itemAt(listNamedBy(["1. Sciatica"], tree, { kind: "position", position: "last" }), "last")).toBe("3. Spinal Stenosis");
  });

  it("is the quoted sections otherwise, in their order", () => {
    expect(listNamedBy(["Treatments", "Rest"], tree, { kind: "position", position: 2 })).toEqual(["Treatments", "Rest"]);
  });

  it("for a description, holds the listed sections and the items under them", () => {
    expect(listNamedBy(["7 Reasons", "Treatments"], tree, { kind: "description" })).toEqual(["7 Reasons", "1. Sciatica", "2. Herniated Disc", "3. Spinal Stenosis", "Treatments"]);
  });
});

describe("an ordinal that counts the writer's own things is no list reference", () => {
  it.each(["I've had two epidurals, the second one didn't help, what next?", "had 3 injections and the first one wore off fast"])("%s", (text) => {
    expect(listReference(text)).toBeNull();
  });
});
