import { html } from '../html.js';
import { t } from '../i18n.js';

/** Loading and error lines shared by the views; the last good data stays visible on error. */
export function LoadState({ result }) {
  if (result.loading) return html`<p class="muted" aria-busy="true">${t('loading')}</p>`;
  if (result.error) {
    return html`<p class="error-text" role="alert">
      ${t('refreshFailed', { message: result.error.message })}${result.data ? t('lastData') : ''}
    </p>`;
  }
  return html`<p class="muted updated">${t('updated', { time: result.updatedAt?.toLocaleTimeString() })}</p>`;
}
