import { appendFile, chmod, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DurableInbox } from "../../adapters/shared/durable-inbox.ts";

let dir: string;
let file: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "lumbar-inbox-"));
  file = path.join(dir, "inbox-test.jsonl");
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("DurableInbox", () => {
  it("keeps unfinished messages across a reopen and forgets finished ones' payloads", async () => {
    const inbox = await DurableInbox.open<{ text: string }>(file);
    expect(await inbox.add("1", { text: "first" })).toBe("added");
    expect(await inbox.add("2", { text: "second" })).toBe("added");
    await inbox.done("1");
    // No close(): a crash leaves the file as it is.
    const again = await DurableInbox.open<{ text: string }>(file);
    expect(again.pending()).toEqual([expect.objectContaining({ id: "2", payload: { text: "second" } })]);
    // The finished message is still a duplicate, but its text is gone from the disk.
    expect(await again.add("1", { text: "first" })).toBe("duplicate");
    expect(await readFile(file, "utf8")).not.toContain("first");
    await again.close();
    await inbox.close();
  });

  it("takes an id once, even when two copies arrive at the same moment", async () => {
    const inbox = await DurableInbox.open<number>(file);
    const results = await Promise.all([inbox.add("7", 1), inbox.add("7", 2), inbox.add("8", 3)]);
    expect(results).toEqual(["added", "duplicate", "added"]);
    expect(inbox.pending().map((e) => e.payload)).toEqual([1, 3]);
    await inbox.close();
  });

  it("skips a torn last line (a crash mid-write) and appends after it on a fresh line", async () => {
    const inbox = await DurableInbox.open<string>(file);
    await inbox.add("a", "kept");
    await inbox.close();
    await appendFile(file, '{"add":"b","at":1,"payl');
    const again = await DurableInbox.open<string>(file);
    expect(again.pending().map((e) => e.id)).toEqual(["a"]);
    await again.add("c", "next");
    await again.close();
    const third = await DurableInbox.open<string>(file);
    expect(third.pending().map((e) => e.id)).toEqual(["a", "c"]);
    await third.close();
  });

  it("stays bounded: finished entries are compacted away and only the newest ids are remembered", async () => {
    const inbox = await DurableInbox.open<string>(file, { compactAfterDone: 50, maxDoneKept: 100 });
    const text = "x".repeat(200);
    for (let i = 0; i < 1_000; i++) {
      await inbox.add(String(i), text);
      await inbox.done(String(i));
    }
    await inbox.add("open", text);
    await inbox.close();
    const lines = (await readFile(file, "utf8")).trim().split("\n");
    // At most the kept ids, the entries since the last rewrite (two lines each) and the open one.
    expect(lines.length).toBeLessThanOrEqual(100 + 2 * 50 + 1);
    const again = await DurableInbox.open<string>(file, { maxDoneKept: 100 });
    expect(again.pending().map((e) => e.id)).toEqual(["open"]);
    expect(again.finishedCount).toBe(100);
    expect(await again.add("999", text)).toBe("duplicate");
    expect(await again.add("0", text)).toBe("added");
    await again.close();
  });

  it("forgets finished ids after their time to live", async () => {
    let t = 0;
    const inbox = await DurableInbox.open<string>(file, { doneTtlMs: 1_000, now: () => t });
    await inbox.add("old", "p");
    await inbox.done("old");
    t = 5_000;
    await inbox.add("new", "p");
    await inbox.done("new");
    expect(await inbox.add("old", "p")).toBe("added");
    expect(await inbox.add("new", "p")).toBe("duplicate");
    await inbox.close();
  });

  it("rejects an add it could not write, so the message is not acknowledged, and loses nothing written before", async () => {
    const inbox = await DurableInbox.open<string>(file);
    await inbox.add("before", "p");
    await inbox.close();
    await chmod(file, 0o400);
    const readOnly = await DurableInbox.open<string>(file).catch((err: Error) => err);
    if (process.getuid?.() === 0) {
      // root writes read-only files: use a path whose folder is a file instead.
      await writeFile(path.join(dir, "blocker"), "");
      await expect(DurableInbox.open(path.join(dir, "blocker", "inbox.jsonl"))).rejects.toThrow(/could not open the message inbox .*blocker/);
    } else {
      expect(readOnly).toBeInstanceOf(Error);
    }
    await chmod(file, 0o600);
    const again = await DurableInbox.open<string>(file);
    expect(again.pending().map((e) => e.id)).toEqual(["before"]);
    await again.close();
  });
});
