import { api } from '../api.js';
import { href } from '../format.js';
import { html } from '../html.js';
import { t } from '../i18n.js';
import { usePolling } from '../polling.js';
import { LoadState } from './load-state.js';

/** Programme views: counts and identifiers only, from executions or a plugged source. */
export function ProgrammeView({ polling }) {
  const result = usePolling(() => api('/programme'), [], polling);
  const views = result.data?.views ?? [];
  if (result.changed && result.data) {
    queueMicrotask(() =>
      polling.announce(
        t('programme.announce', { summary: views.map((view) => `${view.title} ${view.count}`).join(', ') }),
      ),
    );
  }
  return html`
    <h1 tabindex="-1">${t('programme.heading')}</h1>
    <${LoadState} result=${result} />
    <div class="cards">
      ${views.map(
        (view) => html`<section class="card" aria-labelledby=${`view-${view.id}`}>
          <h2 id=${`view-${view.id}`}>${view.title} <span class="count-pill">${view.count}</span></h2>
          ${
            view.rows.length > 0 &&
            html`<table class="compact">
            <caption class="sr-only">${view.title}</caption>
            <thead>
              <tr>
                ${view.columns.map((column) => html`<th scope="col">${column.label}</th>`)}
              </tr>
            </thead>
            <tbody>
              ${view.rows.map(
                (row) => html`<tr>
                  ${view.columns.map((column, index) =>
                    index === 0 && row.executionArn
                      ? html`<th scope="row"><a href=${href('/execution', { arn: row.executionArn })}>${row[column.key]}</a></th>`
                      : html`<td>${row[column.key]}</td>`,
                  )}
                </tr>`,
              )}
            </tbody>
          </table>`
          }
          ${view.rows.length === 0 && html`<p class="muted">${t('programme.none')}</p>`}
          ${view.note && html`<p class="hint">${view.note}</p>`}
        </section>`,
      )}
    </div>
  `;
}
