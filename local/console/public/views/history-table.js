import { useState } from 'preact/hooks';
import { html } from '../html.js';
import { t } from '../i18n.js';

/** Long histories (loops, big Maps) show their latest events first: that is where failures are. */
const LATEST = 300;

/** The event history as AWS shows it: id, type, state, time since start, error. */
export function HistoryTable({ events: allEvents, showData }) {
  const [showAll, setShowAll] = useState(false);
  const hidden = showAll ? 0 : Math.max(0, allEvents.length - LATEST);
  const events = hidden > 0 ? allEvents.slice(hidden) : allEvents;
  const start = allEvents[0] ? Date.parse(allEvents[0].timestamp) : 0;
  return html`<section class="history-panel" aria-labelledby="history-heading">
    <h2 id="history-heading">${t('history.heading')}</h2>
    ${
      hidden > 0 &&
      html`<p class="hint">
      ${t('history.latest', { shown: events.length, total: allEvents.length })}
      <button type="button" class="secondary" onClick=${() => setShowAll(true)}>${t('history.all')}</button>
    </p>`
    }
    <div class="table-wrap">
      <table class="compact">
        <caption class="sr-only">${t('history.caption', { shown: events.length, total: allEvents.length })}</caption>
        <thead>
          <tr>
            <th scope="col" class="num">ID</th>
            <th scope="col">${t('history.type')}</th>
            <th scope="col">${t('graph.state')}</th>
            <th scope="col" class="num">${t('history.elapsed')}</th>
            <th scope="col">${t('execution.error')}</th>
          </tr>
        </thead>
        <tbody>
          ${events.map(
            (event) => html`<tr class=${/Failed|TimedOut|Aborted/.test(event.type) ? 'event-failed' : ''}>
              <td class="num">${event.id}</td>
              <td>${event.type}</td>
              <td>${event.stateName ?? ''}</td>
              <td class="num">+${((Date.parse(event.timestamp) - start) / 1000).toFixed(2)} s</td>
              <td>
                ${event.error ?? ''}
                ${showData && event.details && html`<pre class="event-details">${JSON.stringify(event.details, null, 2)}</pre>`}
              </td>
            </tr>`,
          )}
        </tbody>
      </table>
    </div>
  </section>`;
}
