import { describe, expect, it } from "vitest";
import { InMemoryConversationMemory } from "../../src/memory/conversation-memory.ts";

describe("conversation memory", () => {
  it("keeps at most maxTurns turns per conversation", async () => {
    const m = new InMemoryConversationMemory({ maxTurns: 2 });
    for (const q of ["a", "b", "c"]) await m.remember("c1", { query: q, sections: [], at: Date.now() });
    expect((await m.recent("c1")).map((t) => t.query)).toEqual(["b", "c"]);
  });

  it("forgets turns older than the time limit", async () => {
    let now = 0;
    const m = new InMemoryConversationMemory({ ttlMs: 1000, now: () => now });
    await m.remember("c1", { query: "old", sections: [], at: 0 });
    now = 999;
    expect(await m.recent("c1")).toHaveLength(1);
    now = 1000;
    expect(await m.recent("c1")).toHaveLength(0);
  });

  it("drops the least recently used conversations beyond the limit", async () => {
    const m = new InMemoryConversationMemory({ maxConversations: 2 });
    await m.remember("a", { query: "1", sections: [], at: Date.now() });
    await m.remember("b", { query: "2", sections: [], at: Date.now() });
    await m.remember("a", { query: "3", sections: [], at: Date.now() });
    await m.remember("c", { query: "4", sections: [], at: Date.now() });
    expect(await m.recent("b")).toHaveLength(0);
    expect(await m.recent("a")).toHaveLength(2);
  });
});
