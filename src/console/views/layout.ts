import { html } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";

/** What every page can show in its header. */
export interface PageContext {
  title: string;
  /** The logged-in operator, or undefined on the login page. */
  operator?: string;
  csrf?: string;
  /** Which tab is open. */
  active?: "queue" | "index" | "quality";
  /** Scripts (under /static/) the page needs. */
  scripts?: string[];
}

type Body = HtmlEscapedString | Promise<HtmlEscapedString>;

/**
 * The page frame. Styles are inline (the login page must render before any authenticated asset
 * can load); scripts are files under /static/, so the Content-Security-Policy forbids inline script.
 */
export function layout(page: PageContext, body: Body): Body {
  const tab = (name: NonNullable<PageContext["active"]>, label: string) => html`<a href="/${name}" class="${page.active === name ? "active" : ""}">${label}</a>`;
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="same-origin">
<title>${page.title} · Lumbar console</title>
<style>
  :root { font-family: system-ui, sans-serif; color: #1d2430; background: #f6f7f9; }
  body { margin: 0; }
  header { background: #22324a; color: #fff; padding: .6rem 1.2rem; display: flex; gap: 1.2rem; align-items: center; }
  header strong { font-size: 1.1rem; margin-right: 1rem; }
  header a { color: #cfd8e6; text-decoration: none; padding: .2rem .4rem; border-radius: 4px; }
  header a.active { background: #3d5478; color: #fff; }
  header .who { margin-left: auto; font-size: .9rem; display: flex; gap: .6rem; align-items: center; }
  main { padding: 1rem 1.2rem; max-width: 1200px; }
  table { border-collapse: collapse; width: 100%; background: #fff; }
  th, td { text-align: left; padding: .45rem .5rem; border-bottom: 1px solid #e2e6ec; vertical-align: top; font-size: .92rem; }
  th { background: #eef1f5; }
  .tier-emergency { color: #fff; background: #b3261e; padding: .1rem .4rem; border-radius: 3px; }
  .tier-urgent { color: #1d2430; background: #f2b705; padding: .1rem .4rem; border-radius: 3px; }
  .state { padding: .1rem .4rem; border-radius: 3px; background: #e2e6ec; }
  .state-new { background: #fde2e1; } .state-acknowledged { background: #fff1c2; } .state-resolved { background: #d9f2dd; }
  .muted { color: #5c6678; font-size: .85rem; }
  form.inline { display: inline; }
  button { cursor: pointer; border: 1px solid #3d5478; background: #3d5478; color: #fff; border-radius: 4px; padding: .3rem .7rem; }
  button.secondary { background: #fff; color: #3d5478; }
  .card { background: #fff; border: 1px solid #e2e6ec; border-radius: 6px; padding: 1rem; margin-bottom: 1rem; }
  .grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(320px, 1fr)); gap: 1rem; }
  .counter { font-size: 1.8rem; font-weight: 600; }
  .error { color: #b3261e; }
  .notice { background: #e8f0fe; border: 1px solid #b6c8f0; padding: .5rem .8rem; border-radius: 4px; margin-bottom: 1rem; }
  progress { width: 100%; }
  label { margin-right: .8rem; }
</style>
${(page.scripts ?? []).map((s) => html`<script src="/static/${s}" defer></script>`)}
</head>
<body>
<header>
  <strong>Lumbar console</strong>
  ${page.operator ? html`${tab("queue", "Escalations")}${tab("index", "Index")}${tab("quality", "Quality")}
  <span class="who">Signed in as ${page.operator}
    <form class="inline" method="post" action="/logout"><input type="hidden" name="_csrf" value="${page.csrf ?? ""}"><button class="secondary" type="submit">Sign out</button></form>
  </span>` : ""}
</header>
<main>
${body}
</main>
</body>
</html>`;
}
