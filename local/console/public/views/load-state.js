import { html } from '../html.js';

/** Loading and error lines shared by the views; the last good data stays visible on error. */
export function LoadState({ result }) {
  if (result.loading) return html`<p class="muted" aria-busy="true">Loading…</p>`;
  if (result.error) {
    return html`<p class="error-text" role="alert">
      Could not refresh: ${result.error.message}${result.data ? ' (showing the last data received)' : ''}
    </p>`;
  }
  return html`<p class="muted updated">Updated ${result.updatedAt?.toLocaleTimeString()}</p>`;
}
