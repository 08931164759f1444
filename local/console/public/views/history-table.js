import { html } from '../html.js';

/** The event history as AWS shows it: id, type, state, time since start, error. */
export function HistoryTable({ events, showData }) {
  const start = events[0] ? Date.parse(events[0].timestamp) : 0;
  return html`<section class="history-panel" aria-labelledby="history-heading">
    <h2 id="history-heading">Event history</h2>
    <div class="table-wrap">
      <table class="compact">
        <caption class="sr-only">${events.length} history events, oldest first</caption>
        <thead>
          <tr>
            <th scope="col" class="num">ID</th>
            <th scope="col">Type</th>
            <th scope="col">State</th>
            <th scope="col" class="num">Elapsed</th>
            <th scope="col">Error</th>
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
