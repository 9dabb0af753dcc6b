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

describe("spoken forms (Scots, Irish, Southern US, dictation)", () => {
  it("writes out dialect function words", () => {
    expect(expandChatForms("whit dae ye dae efter".split(" "))).toEqual("what do you do after".split(" "));
    expect(expandChatForms("how lang tae wait aboot".split(" "))).toEqual("how long to wait about".split(" "));
    expect(expandChatForms("hoo lang is it gaun tae last".split(" "))).toEqual("how long is it going to last".split(" "));
    expect(expandChatForms("he wet hisself".split(" "))).toEqual("he wet himself".split(" "));
  });
  it("reads 'ma' as 'my' except after a possessive, where it is a mother", () => {
    expect(expandChatForms("ma back is sore".split(" "))).toEqual("my back is sore".split(" "));
    expect(expandChatForms("me ma has sciatica".split(" "))).toEqual("me ma has sciatica".split(" "));
  });
  it("reads a dictated homophone as the verb only where the verb must stand", () => {
    expect(expandChatForms("can not fell my feet".split(" "))).toEqual("can not feel my feet".split(" "));
    expect(expandChatForms("i need a pea".split(" "))).toEqual("i need a pee".split(" "));
    expect(expandChatForms("i fell off a ladder".split(" "))).toEqual("i fell off a ladder".split(" "));
    expect(expandChatForms("frozen pea bag".split(" "))).toEqual("frozen pea bag".split(" "));
  });
});
