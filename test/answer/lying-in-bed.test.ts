import { describe, expect, it } from "vitest";
import { expandChatForms } from "../../src/text/chat-speak.ts";
import { askingLumbar } from "../helpers/test-lumbar.ts";

// "lay in bed" is how many people say "lie in bed" (blind37, read after its first score): it is rest,
// as "lie in bed" is; and "til" is "until", not an unknown word that makes the question foreign.
const ask = askingLumbar("bed");

describe("lying in bed, however it is said", () => {
  it("reads til as until", () => {
    expect(expandChatForms(["wait", "til", "monday"])).toEqual(["wait", "until", "monday"]);
  });

  it.each(["is it better to lay in bed til the pain goes", "my nan keeps laying in bed all day with her sciatica, is that right"])("answers from Rest: %s", async (text) => {
    const r = await ask(text);
    expect(r.outOfScope).toBe(false);
    expect(r.sources[0]?.section).toBe("Rest");
  });

  it("still declines a bed question about something else", async () => {
    const r = await ask("should i lay in bed til my flu is gone");
    expect(r.outOfScope).toBe(true);
  });
});
