// Choosing where shared state lives: the embedded default needs no database, and a bad
// LUMBAR_DATABASE_URL is refused at configuration time with the variable named.
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/config.ts";
import { createStores } from "../../src/store/create-stores.ts";

describe("LUMBAR_DATABASE_URL", () => {
  it("is off by default: state stays in this process", async () => {
    const config = loadConfig({});
    expect(config.databaseUrl).toBeNull();
    const stores = await createStores(config);
    expect(stores.kind).toBe("embedded");
    expect(stores.deliveries).toBeNull();
    await stores.conversations.remember("c", { query: "q", sections: [], at: Date.now() });
    expect((await stores.conversations.recent("c")).map((t) => t.query)).toEqual(["q"]);
    expect(await stores.alertWindows.begin("c", "urgent")).toBe(true);
    expect(await stores.alertWindows.begin("c", "urgent")).toBe(false);
    await stores.close();
  });

  it("accepts postgres:// and postgresql:// URLs", () => {
    expect(loadConfig({ LUMBAR_DATABASE_URL: " postgres://lumbar:pw@db:5432/lumbar " }).databaseUrl).toBe("postgres://lumbar:pw@db:5432/lumbar");
    expect(loadConfig({ LUMBAR_DATABASE_URL: "postgresql://db/lumbar" }).databaseUrl).toBe("postgresql://db/lumbar");
  });

  it("refuses other schemes and malformed values, naming the variable and never echoing the value", () => {
    expect(() => loadConfig({ LUMBAR_DATABASE_URL: "mysql://u:secret@db/x" })).toThrow(/LUMBAR_DATABASE_URL.*unsupported scheme 'mysql:'/);
    let message = "";
    try {
      loadConfig({ LUMBAR_DATABASE_URL: "not a url secret" });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toMatch(/LUMBAR_DATABASE_URL.*invalid URL; use postgres:\/\//);
    expect(message).not.toContain("secret");
  });
});
