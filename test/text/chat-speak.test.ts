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

describe("a lone 'r'", () => {
  it("is 'are' where a pronoun or question word before it, or a determiner after an opening 'r', says so", () => {
    expect(expandChatForms("r the strong ones risky".split(" "))).toEqual("are the strong ones risky".split(" "));
    expect(expandChatForms("what r they for".split(" "))).toEqual("what are they for".split(" "));
    expect(expandChatForms("u r right".split(" "))).toEqual("you are right".split(" "));
  });
  it("stays a letter elsewhere", () => {
    expect(expandChatForms("vitamin r and d".split(" "))).toEqual("vitamin r and d".split(" "));
    expect(expandChatForms("the r word".split(" "))).toEqual("the r word".split(" "));
  });
});
