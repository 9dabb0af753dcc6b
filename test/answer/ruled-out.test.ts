import { describe, expect, it } from "vitest";
import { askingLumbar } from "../helpers/test-lumbar.ts";

// What a person says they do not want is not the answer, as what they say failed is not: "if I don't
// fancy the chiro, what else", "rather not be on pills" (blind35/36, read after their first scores).
const ask = askingLumbar("ruled");

describe("what the person does not want", () => {
  it("leaves out the treatment they do not fancy", async () => {
    await ask("would a chiropractor help my sciatica", "ruled-chiro");
    const r = await ask("and if i dont fancy the chiropractor what else is there", "ruled-chiro");
    expect(r.sources[0]?.section).not.toBe("Chiropractic Care");
  });

  it("leaves out medicines they would rather not be on", async () => {
    const r = await ask("i would rather not be on tablets, what can i do at home for my back");
    expect(r.sources[0]?.section).not.toBe("Medications");
    expect(r.sources.slice(0, 3).map((s) => s.section)).toContain("Changes in Lifestyle and Home Remedies");
  });

  it("still answers about the treatment when it is what they ask about", async () => {
    const r = await ask("what does a chiropractor actually do for back pain");
    expect(r.sources[0]?.section).toBe("Chiropractic Care");
  });

  it("answers about the treatment they would rather avoid when that is what they ask", async () => {
    const r = await ask("I'd rather not take painkillers, are they safe to use long term?");
    expect(r.sources[0]?.section).toBe("Medications");
  });
});
