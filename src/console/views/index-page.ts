import { html } from "hono/html";
import type { IndexStatus } from "../../core/types.ts";
import type { ReindexJob, VersionRow } from "../index-admin.ts";
import { layout } from "./layout.ts";

/** The index: what serves, the kept versions with rollback, and a reindex with its progress. */
export function indexPage(status: IndexStatus | null, versions: VersionRow[], job: ReindexJob, who: { operator: string; csrf: string }, notice?: string) {
  return layout(
    { title: "Index", active: "index", scripts: ["index.js"], ...who },
    html`<h1>Index</h1>
${notice ? html`<p class="notice" role="status">${notice}</p>` : ""}
<div class="card">
  <h2>Serving</h2>
  ${status
    ? html`<p><strong data-testid="serving">${status.version}</strong>: ${status.chunkCount} chunks, built ${status.builtAt}, embedder ${status.embedder}, corpus ${status.corpusHash.slice(0, 16)}</p>`
    : html`<p class="error">No index is serving yet.</p>`}
  <form method="post" action="/index/reindex" class="inline">
    <input type="hidden" name="_csrf" value="${who.csrf}">
    <button type="submit">Reindex from the corpus</button>
  </form>
  <div id="reindex" data-state="${job.state}">
    <progress id="reindex-progress" max="${job.total || 1}" value="${job.done}"></progress>
    <p id="reindex-status" class="muted">${jobLine(job)}</p>
  </div>
</div>
<div class="card">
  <h2>Kept versions</h2>
  <table>
    <thead><tr><th>Version</th><th>Built</th><th>Chunks</th><th>Corpus hash</th><th>Files</th><th></th></tr></thead>
    <tbody>
    ${versions.length === 0 ? html`<tr><td colspan="6" class="muted">No versions kept yet.</td></tr>` : ""}
    ${versions.map(
      (v) => html`<tr>
      <td>${v.serving ? html`<strong>${v.version}</strong> (serving)` : v.version}</td>
      <td>${v.builtAt ?? "unknown"}</td>
      <td>${v.chunkCount ?? "?"}</td>
      <td><code>${v.corpusHash ? v.corpusHash.slice(0, 16) : "?"}</code></td>
      <td>${v.verified ? "verified" : html`<span class="error">damaged: ${v.problem ?? ""}</span>`}</td>
      <td>${!v.serving && v.verified
        ? html`<form class="inline" method="post" action="/index/rollback"><input type="hidden" name="_csrf" value="${who.csrf}"><input type="hidden" name="version" value="${v.version}"><button class="secondary" type="submit">Serve this version</button></form>`
        : ""}</td>
    </tr>`,
    )}
    </tbody>
  </table>
</div>`,
  );
}

/** One line about the reindex started from this console (the page's script keeps it current). */
export function jobLine(job: ReindexJob): string {
  switch (job.state) {
    case "idle":
      return "No reindex started from this console since it started.";
    case "running":
      return job.total > 0 ? `Reindexing: ${job.done} of ${job.total} chunks embedded.` : "Reindexing: reading the corpus.";
    case "finished":
      return `Reindex finished ${job.finishedAt}: ${job.result?.version} is serving (${job.result?.chunkCount} chunks).`;
    case "failed":
      return `Reindex failed ${job.finishedAt}: ${job.error}. The previous index is still serving.`;
  }
}
