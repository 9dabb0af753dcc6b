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

// blind58 (read): what cannot be had ("no physiotherapy near us"), what is refused ("she is NOT
// doing surgery"), and what the story names beside "what else" ("they'll just give him pills ... what
// else can they do") are not the answer either.
describe("what cannot be had, and what else besides what was named", () => {
  it("answers home treatment when there is no physiotherapy to be had", async () => {
    const r = await ask("There is no physiotherapy near us, the hospital is far. What can I do at home by myself?");
    expect(r.sources[0]?.section).toBe("Changes in Lifestyle and Home Remedies");
  });

  it("answers the other treatments when surgery is refused", async () => {
    await ask("my mum is 81 and has had back pain since a fall, the GP mentioned osteoporosis", "ruled-else");
    const r = await ask("She won't hear of surgery whatever happens, so what else is there?", "ruled-else");
    expect(r.sources[0]?.section).toBe("Options for Back and Leg Pain Treatment");
    await ask("my mum has spinal stenosis, the surgeon mentioned a laminectomy", "ruled-else-2");
    const after = await ask("ok she is NOT doing surgery. what else is there", "ruled-else-2");
    expect(["Surgical Interventions", "Laminectomy", "Discectomy", "Spinal Fusion", "Artificial Disc Replacement"]).not.toContain(after.sources[0]?.section);
  });

  it("leaves out the pills the story names when it asks what else", async () => {
    await ask("my husband has had back and leg pain for 3 weeks, at what point should he see a doctor", "ruled-pills");
    const r = await ask("he says they'll just give him pills and send him home. what else can they actually do", "ruled-pills");
    expect(r.sources[0]?.section).not.toBe("Medications");
    expect(r.sources.slice(0, 3).map((s) => s.section)).toContain("Options for Back and Leg Pain Treatment");
  });

  it("still answers about a treatment that is what 'what else' asks of", async () => {
    const r = await ask("physio gave me stretches, what else does physical therapy involve");
    expect(r.sources[0]?.section).toBe("PT, or physical therapy");
  });
});
