import { mkdir, open, type FileHandle } from "node:fs/promises";
import path from "node:path";

/**
 * Appends text to a file and fsyncs it; each append resolves only once its bytes are on disk.
 * Appends that arrive while a write is in progress are written together with one fsync (group
 * commit), so a burst of messages costs a few fsyncs rather than one each. Used by the escalation
 * audit log and the channels' durable inbox.
 *
 * Appends never rewrite earlier bytes, so a crash can only tear the last line. When the file is
 * opened, a last line without its newline gets one, so the next record starts on a line of its
 * own; after a failed write the file is reopened (and repaired) before the next.
 */
export class DurableAppender {
  private handle: FileHandle | null = null;
  private queue: Array<{ text: string; written?: () => void; resolve: () => void; reject: (err: unknown) => void }> = [];
  private exclusives: Array<() => Promise<void>> = [];
  private flushing: Promise<void> | null = null;

  /**
   * @param file the file to append to; its folder is created when missing.
   * @param wrapError turns a file-system error into the error callers see (naming the file).
   */
  constructor(
    readonly file: string,
    private readonly wrapError: (err: unknown) => Error,
  ) {}

  /**
   * Appends `text` (whole lines, each ending in "\n") and resolves once it is fsync'd. `written`
   * runs as soon as the bytes are on disk, before any exclusive task queued after this append.
   */
  append(text: string, written?: () => void): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ text, written, resolve, reject });
      this.flushing ??= this.flush();
    });
  }

  /**
   * Runs `task` with no write in progress and the file closed, for instance to replace the file
   * with a compacted copy; appends queued meanwhile are written after it, to the new file.
   */
  exclusive(task: () => Promise<void>): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.exclusives.push(() => task().then(resolve, reject));
      this.flushing ??= this.flush();
    });
  }

  /** Waits for queued writes and closes the file. */
  async close(): Promise<void> {
    while (this.flushing) await this.flushing;
    await this.closeHandle();
  }

  private async flush(): Promise<void> {
    try {
      while (this.queue.length > 0 || this.exclusives.length > 0) {
        if (this.queue.length > 0) {
          await this.writeBatch(this.queue.splice(0));
        } else {
          await this.closeHandle();
          await this.exclusives.shift()!();
        }
      }
    } finally {
      this.flushing = null;
    }
  }

  private async writeBatch(batch: DurableAppender["queue"]): Promise<void> {
    try {
      this.handle ??= await openForAppend(this.file);
      await this.handle.appendFile(batch.map((w) => w.text).join(""));
      await this.handle.sync();
    } catch (err) {
      // A failed write may have left part of a line: reopen next time, so the repair on open runs.
      await this.closeHandle();
      const error = this.wrapError(err);
      for (const w of batch) w.reject(error);
      return;
    }
    for (const w of batch) w.written?.();
    for (const w of batch) w.resolve();
  }

  private async closeHandle(): Promise<void> {
    const handle = this.handle;
    this.handle = null;
    await handle?.close().catch(() => undefined);
  }
}

async function openForAppend(file: string): Promise<FileHandle> {
  await mkdir(path.dirname(file), { recursive: true });
  const handle = await open(file, "a+");
  try {
    const { size } = await handle.stat();
    if (size > 0) {
      const last = Buffer.alloc(1);
      await handle.read(last, 0, 1, size - 1);
      if (last[0] !== 0x0a) await handle.appendFile("\n");
    }
    return handle;
  } catch (err) {
    await handle.close().catch(() => undefined);
    throw err;
  }
}
