import { STATUS_LABELS } from '../format.js';
import { html } from '../html.js';

export function StatusBadge({ status }) {
  return html`<span class=${`badge status-${status}`}>${STATUS_LABELS[status] ?? status}</span>`;
}
