import { describe, expect, it } from "vitest";
import { askingLumbar } from "../helpers/test-lumbar.ts";

// Exercise in general is stretching, strengthening and cardio alike (corpus/lay-terms.yml, `exercise`):
// it points at none of them, so a general question is not answered by the core section just because
// "exercise" was read as strengthening. Strengthening said in other words still is (blind41/42, read).
const ask = askingLumbar("exercise");

describe("exercise in general", () => {
  it("answers a general exercise follow-up with the exercise sections, not core strengthening first", async () => {
    await ask("my dad has spinal stenosis", "ex-1");
    const r = await ask("him can still do exercise wid it?", "ex-1");
    expect(r.sources[0]?.section).not.toBe("Core Strengthening");
    expect(r.sources.slice(0, 3).map((s) => s.section)).toEqual(expect.arrayContaining(["Exercises to Stretch and Strengthen"]));
  });

  it("still reads ab workouts, supermans and making muscles strong as strengthening", async () => {
    expect((await ask("which ab workouts protect your back from going again")).sources[0]?.section).toBe("Core Strengthening");
    expect((await ask("wat even is a super man exersise and does it help ur back")).sources.slice(0, 3).map((s) => s.section)).toContain("Core Strengthening");
  });
});

describe("how to treat it, read on the clauses that ask", () => {
  it("asks of the condition still when 'is it forever?' comes before 'or can it be cured'", async () => {
    await ask("my scan says degenerative disc disease, what is that", "ex-2");
    const r = await ask("is it forever? or can it be cured", "ex-2");
    expect(r.sources[0]?.section).toBe("6. Degenerative Disc Disease");
  });
});
