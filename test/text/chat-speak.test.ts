import { describe, expect, it } from "vitest";
import { expandChatForms } from "../../src/text/chat-speak.ts";

describe("chat forms", () => {
  it("writes out chat forms as the words they stand for", () => {
    expect(expandChatForms("wat is ur back pls".split(" "))).toEqual("what is your back please".split(" "));
    expect(expandChatForms("hw do u fix it bc".split(" "))).toEqual("how do you fix it because".split(" "));
  });
  it("leaves ordinary words and ambiguous forms alone", () => {
    expect(expandChatForms(["water", "2", "weeks", "sciatica"])).toEqual(["water", "2", "weeks", "sciatica"]);
  });
});
