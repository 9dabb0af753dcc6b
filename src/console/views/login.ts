import { html } from "hono/html";
import { layout } from "./layout.ts";

/** The login form: the operator's name (recorded with each change) and the console token. */
export function loginPage(opts: { nonce: string; error?: string; next?: string }) {
  return layout(
    { title: "Sign in" },
    html`<div class="card" style="max-width: 420px">
  <h1>Sign in</h1>
  ${opts.error ? html`<p class="error" role="alert">${opts.error}</p>` : ""}
  <form method="post" action="/login">
    <input type="hidden" name="_login" value="${opts.nonce}">
    <input type="hidden" name="next" value="${opts.next ?? "/queue"}">
    <p><label for="operator">Your name</label><br><input id="operator" name="operator" required maxlength="60" autocomplete="username"></p>
    <p><label for="token">Console token</label><br><input id="token" name="token" type="password" required autocomplete="current-password"></p>
    <p class="muted">Your name is written to the audit log with every acknowledgement and resolution.</p>
    <button type="submit">Sign in</button>
  </form>
</div>`,
  );
}
