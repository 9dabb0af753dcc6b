import { html } from "hono/html";
import type { EscalationView, QueueFilter, QueueView } from "../queue-view.ts";
import { layout } from "./layout.ts";

interface Who {
  operator: string;
  csrf: string;
}

/** The Acknowledge and Resolve buttons an escalation offers in its state (forward moves only). */
function actions(e: EscalationView, csrf: string, back: string) {
  const button = (state: "acknowledged" | "resolved", label: string) => html`<form class="inline" method="post" action="/queue/${e.id}/${state === "acknowledged" ? "acknowledge" : "resolve"}">
      <input type="hidden" name="_csrf" value="${csrf}"><input type="hidden" name="back" value="${back}">
      <button type="submit" ${state === "resolved" ? html`class="secondary"` : ""}>${label}</button></form>`;
  return html`${e.state === "new" ? button("acknowledged", "Acknowledge") : ""} ${e.state !== "resolved" ? button("resolved", "Resolve") : ""}`;
}

function stateCell(e: EscalationView) {
  const last = e.history.at(-1);
  return html`<span class="state state-${e.state}" data-testid="state">${e.state}</span>${last ? html`<div class="muted">by ${last.by} via ${last.via}<br>${last.time}</div>` : ""}`;
}

function alertsCell(e: EscalationView) {
  return html`${e.alerts.map((a) => html`<div><strong>${a.target}</strong>: ${a.state}</div>`)}`;
}

function select(name: string, current: string | undefined, options: string[]) {
  return html`<label>${name} <select name="${name}"><option value="">all</option>${options.map((o) => html`<option value="${o}" ${o === current ? "selected" : ""}>${o}</option>`)}</select></label>`;
}

/** The escalation queue, newest first, with its filters. */
export function queuePage(view: QueueView, filter: QueueFilter, who: Who, back: string, notice?: string) {
  return layout(
    { title: "Escalations", active: "queue", ...who },
    html`<h1>Escalations</h1>
${notice ? html`<p class="notice" role="status">${notice}</p>` : ""}
<p class="muted">${view.counts.new} new · ${view.counts.acknowledged} acknowledged · ${view.counts.resolved} resolved</p>
<form method="get" action="/queue" class="card">
  ${select("tier", filter.tier, ["emergency", "urgent"])}
  ${select("channel", filter.channel, view.channels)}
  ${select("state", filter.state, ["new", "acknowledged", "resolved"])}
  <button type="submit">Filter</button>
</form>
<table>
<thead><tr><th>When</th><th>Tier</th><th>Channel</th><th>State</th><th>Red-flag rules</th><th>Alerts</th><th></th></tr></thead>
<tbody>
${view.entries.length === 0 ? html`<tr><td colspan="7" class="muted">No escalations match.</td></tr>` : ""}
${view.entries.map(
  (e) => html`<tr data-escalation="${e.id}">
  <td><a href="/queue/${e.id}">${e.time}</a></td>
  <td><span class="tier-${e.tier}">${e.tier}</span></td>
  <td>${e.channel}</td>
  <td>${stateCell(e)}</td>
  <td>${e.rules.map((r) => html`<div><code>${r.id}</code> ${r.says}</div>`)}</td>
  <td>${alertsCell(e)}</td>
  <td>${actions(e, who.csrf, back)}</td>
</tr>`,
)}
</tbody>
</table>`,
  );
}

/** One escalation in full: rules, the guidance sent, each alert's delivery, its audit trail, and the text when logged. */
export function escalationPage(e: EscalationView, who: Who, textLogging: boolean, notice?: string) {
  return layout(
    { title: "Escalation", active: "queue", ...who },
    html`<p><a href="/queue">← All escalations</a></p>
<h1><span class="tier-${e.tier}">${e.tier}</span> escalation <span class="state state-${e.state}" data-testid="state">${e.state}</span></h1>
${notice ? html`<p class="notice" role="status">${notice}</p>` : ""}
<div class="card">
  <p>${actions(e, who.csrf, `/queue/${e.id}`)}</p>
  <table>
    <tr><th>When</th><td>${e.time}</td></tr>
    <tr><th>Channel</th><td>${e.channel}</td></tr>
    <tr><th>Conversation</th><td>${e.conversationId}</td></tr>
    <tr><th>Person</th><td>${e.userId}</td></tr>
    ${e.messageLink ? html`<tr><th>Message</th><td><a href="${e.messageLink}" rel="noreferrer">open on ${e.channel}</a></td></tr>` : ""}
    <tr><th>Index version</th><td>${e.indexVersion}</td></tr>
  </table>
</div>
<div class="card"><h2>Red-flag rules</h2>${e.rules.map((r) => html`<p><code>${r.id}</code>: ${r.says}</p>`)}</div>
<div class="card"><h2>Guidance sent</h2><p style="white-space: pre-wrap">${e.guidance}</p><p class="muted">The ${e.tier} guidance of the serving rules.</p></div>
<div class="card"><h2>Alerts</h2>
  <table><thead><tr><th>Operator channel</th><th>Delivery</th><th>Detail</th></tr></thead>
  <tbody>${e.alerts.map((a) => html`<tr><td>${a.target}</td><td>${a.state}</td><td>${a.detail}</td></tr>`)}</tbody></table>
</div>
<div class="card"><h2>Audit trail</h2>
  <table><thead><tr><th>When</th><th>Change</th><th>Who</th><th>Through</th><th>From</th></tr></thead>
  <tbody data-testid="audit-trail">
    <tr><td>${e.time}</td><td>escalated</td><td>Lumbar</td><td>${e.channel}</td><td>the red-flag check</td></tr>
    ${e.history.map((h) => html`<tr><td>${h.time}</td><td>${h.state}</td><td>${h.by}</td><td>${h.via}</td><td>${h.from}</td></tr>`)}
  </tbody></table>
</div>
<div class="card"><h2>Message text</h2>${
      e.text !== undefined
        ? html`<p style="white-space: pre-wrap">${e.text}</p>`
        : html`<p class="muted">${textLogging ? "Not recorded: text logging was off when this escalation was written." : "Hidden: message text is shown only when LUMBAR_LOG_MESSAGE_TEXT is on."}</p>`
    }</div>`,
  );
}
