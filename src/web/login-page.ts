/** Login with an API token (pure). */
import { esc, page } from './html.js';

export function renderLogin(csrf: string, next: string, error?: string): string {
  return page(
    { title: 'Log in' },
    `<h1>Log in</h1>${error ? `<p class="error" role="alert">${esc(error)}</p>` : ''}
<form method="post" action="/login" class="login"><input type="hidden" name="_csrf" value="${esc(csrf)}"><input type="hidden" name="next" value="${esc(next)}">
<label>API token <input type="password" name="token" autocomplete="current-password" required autofocus></label>
<button type="submit" class="primary">Log in</button></form>
<p class="muted">Create one on the driftwatch host: <code>driftwatch token create --name you --role approver</code></p>`,
  );
}

export function renderMessage(title: string, message: string): string {
  return page({ title }, `<h1>${esc(title)}</h1><p>${esc(message)}</p><p><a href="/">Back to the overview</a></p>`);
}
