import { html } from "hono/html";
import { layout } from "./layout.ts";

/**
 * The quality page's frame: the charts and counters are drawn by /static/quality.js (Chart.js) from
 * /quality/data.json, and the counters refresh every few seconds. Counts only, never message text.
 */
export function qualityPage(who: { operator: string; csrf: string }) {
  return layout(
    { title: "Quality", active: "quality", scripts: ["chart.umd.min.js", "quality.js"], ...who },
    html`<h1>Quality</h1>
<h2>Live</h2>
<div class="grid" id="counters">
  <div class="card"><div class="muted">Messages in the last hour (this process)</div><div class="counter" id="c-messages">–</div></div>
  <div class="card"><div class="muted">Out of scope, last hour</div><div class="counter" id="c-oos">–</div></div>
  <div class="card"><div class="muted">Escalations, last 24 h</div><div class="counter" id="c-escalations">–</div></div>
  <div class="card"><div class="muted">Alerts that failed after every retry, last 24 h</div><div class="counter" id="c-failures">–</div></div>
</div>
<p class="muted" id="c-note"></p>
<div class="card"><canvas id="chart-messages" height="90" aria-label="Messages per hour"></canvas></div>
<h2>Latest evaluation</h2>
<p class="muted" id="eval-meta">Loading…</p>
<div class="grid">
  <div class="card"><canvas id="chart-questions" aria-label="hit@1 and hit@3 per question set"></canvas></div>
  <div class="card"><canvas id="chart-followups" aria-label="hit@1 and hit@3 per follow-up set"></canvas></div>
</div>
<div class="card">
  <label for="redflag-set">Red-flag set</label> <select id="redflag-set"></select>
  <canvas id="chart-confusion" height="110" aria-label="Red-flag confusion matrix"></canvas>
  <table id="confusion-table"></table>
</div>`,
  );
}
