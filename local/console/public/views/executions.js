import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { durationOf, formatTime, href, STATUS_LABELS } from '../format.js';
import { html } from '../html.js';
import { usePolling } from '../polling.js';
import { LoadState } from './load-state.js';
import { StatusBadge } from './status-badge.js';

const SINCE = [
  ['', 'Any time'],
  ['15m', 'Last 15 minutes'],
  ['1h', 'Last hour'],
  ['6h', 'Last 6 hours'],
  ['1d', 'Last 24 hours'],
  ['7d', 'Last 7 days'],
];

/** Executions filtered by status, workflow and start time, a page at a time (ListExecutions tokens). */
export function ExecutionsView({ params, polling }) {
  const status = params.get('status') ?? '';
  const workflow = params.get('workflow') ?? '';
  const since = params.get('since') ?? '';
  // Page tokens belong to one filter: a new filter starts again at page one.
  const filterKey = `${status}|${workflow}|${since}`;
  const [paging, setPaging] = useState({ filterKey, tokens: [] });
  const tokens = paging.filterKey === filterKey ? paging.tokens : [];
  const setTokens = (next) => setPaging({ filterKey, tokens: next });
  const pageToken = tokens.at(-1);

  const machines = usePolling(() => api('/machines'), [], { ...polling, live: false });
  const query = new URLSearchParams(
    Object.entries({ status, workflow, since, nextToken: pageToken ?? '' }).filter(([, value]) => value),
  );
  const result = usePolling(() => api(`/executions?${query}`), [query.toString()], polling);
  const executions = result.data?.executions ?? [];
  if (result.changed && result.data) {
    queueMicrotask(() => polling.announce(`Executions updated: ${executions.length} shown.`));
  }

  const update = (changes) => {
    location.hash = href('/executions', { status, workflow, since, ...changes });
  };

  return html`
    <h1 tabindex="-1">Executions</h1>
    <form class="filters" onSubmit=${(event) => event.preventDefault()} aria-label="Filter executions">
      <div>
        <label for="filter-status">Status</label>
        <select id="filter-status" value=${status} onChange=${(event) => update({ status: event.currentTarget.value })}>
          <option value="">All statuses</option>
          ${Object.entries(STATUS_LABELS).map(([value, label]) => html`<option value=${value}>${label}</option>`)}
        </select>
      </div>
      <div>
        <label for="filter-workflow">Workflow</label>
        <select
          id="filter-workflow"
          value=${workflow}
          onChange=${(event) => update({ workflow: event.currentTarget.value })}
        >
          <option value="">All workflows</option>
          ${(machines.data?.stateMachines ?? []).map(
            (machine) => html`<option value=${machine.name}>${machine.name}</option>`,
          )}
        </select>
      </div>
      <div>
        <label for="filter-since">Started</label>
        <select id="filter-since" value=${since} onChange=${(event) => update({ since: event.currentTarget.value })}>
          ${SINCE.map(([value, label]) => html`<option value=${value}>${label}</option>`)}
        </select>
      </div>
    </form>
    <${LoadState} result=${result} />
    ${
      result.data &&
      html`<div class="table-wrap">
        <table>
          <caption>
            ${executions.length} executions${tokens.length > 0 ? `, page ${tokens.length + 1}` : ''}, newest first
          </caption>
          <thead>
            <tr>
              <th scope="col">Execution</th>
              <th scope="col">Workflow</th>
              <th scope="col">Status</th>
              <th scope="col">Started</th>
              <th scope="col" class="num">Duration</th>
              <th scope="col" class="num">Redrives</th>
            </tr>
          </thead>
          <tbody>
            ${
              executions.length === 0 &&
              html`<tr>
              <td colspan="6">No executions match.</td>
            </tr>`
            }
            ${executions.map(
              (execution) => html`<tr>
                <th scope="row">
                  <a href=${href('/execution', { arn: execution.executionArn })}>${execution.name}</a>
                </th>
                <td>${execution.workflow}</td>
                <td><${StatusBadge} status=${execution.status} /></td>
                <td>${formatTime(execution.startDate)}</td>
                <td class="num">${durationOf(execution)}</td>
                <td class="num">${execution.redriveCount ?? 0}</td>
              </tr>`,
            )}
          </tbody>
        </table>
      </div>
      <nav class="pager" aria-label="Pages">
        <button type="button" class="secondary" disabled=${tokens.length === 0} onClick=${() => setTokens(tokens.slice(0, -1))}>
          Previous page
        </button>
        <button
          type="button"
          class="secondary"
          disabled=${!result.data.nextToken}
          onClick=${() => setTokens([...tokens, result.data.nextToken])}
        >
          Next page
        </button>
      </nav>`
    }
  `;
}
