import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { durationOf, formatTime, href, STATUSES, statusLabel } from '../format.js';
import { html } from '../html.js';
import { t } from '../i18n.js';
import { usePolling } from '../polling.js';
import { LoadState } from './load-state.js';
import { StatusBadge } from './status-badge.js';

const SINCE = ['', '15m', '1h', '6h', '1d', '7d'];

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
    queueMicrotask(() => polling.announce(t('executions.announce', { count: executions.length })));
  }

  const update = (changes) => {
    location.hash = href('/executions', { status, workflow, since, ...changes });
  };

  return html`
    <h1 tabindex="-1">${t('nav.executions')}</h1>
    <form class="filters" onSubmit=${(event) => event.preventDefault()} aria-label=${t('executions.filters')}>
      <div>
        <label for="filter-status">${t('executions.status')}</label>
        <select id="filter-status" value=${status} onChange=${(event) => update({ status: event.currentTarget.value })}>
          <option value="">${t('executions.allStatuses')}</option>
          ${STATUSES.map((value) => html`<option value=${value}>${statusLabel(value)}</option>`)}
        </select>
      </div>
      <div>
        <label for="filter-workflow">${t('executions.workflow')}</label>
        <select
          id="filter-workflow"
          value=${workflow}
          onChange=${(event) => update({ workflow: event.currentTarget.value })}
        >
          <option value="">${t('executions.allWorkflows')}</option>
          ${(machines.data?.stateMachines ?? []).map(
            (machine) => html`<option value=${machine.name}>${machine.name}</option>`,
          )}
        </select>
      </div>
      <div>
        <label for="filter-since">${t('executions.started')}</label>
        <select id="filter-since" value=${since} onChange=${(event) => update({ since: event.currentTarget.value })}>
          ${SINCE.map((value) => html`<option value=${value}>${t(`since.${value || 'any'}`)}</option>`)}
        </select>
      </div>
    </form>
    <${LoadState} result=${result} />
    ${
      result.data &&
      html`<div class="table-wrap">
        <table>
          <caption>
            ${t('executions.caption', {
              count: executions.length,
              page: tokens.length > 0 ? t('executions.page', { page: tokens.length + 1 }) : '',
            })}
          </caption>
          <thead>
            <tr>
              <th scope="col">${t('executions.execution')}</th>
              <th scope="col">${t('executions.workflow')}</th>
              <th scope="col">${t('executions.status')}</th>
              <th scope="col">${t('executions.started')}</th>
              <th scope="col" class="num">${t('executions.duration')}</th>
              <th scope="col" class="num">${t('executions.redrives')}</th>
            </tr>
          </thead>
          <tbody>
            ${
              executions.length === 0 &&
              html`<tr>
              <td colspan="6">${t('executions.none')}</td>
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
      <nav class="pager" aria-label=${t('executions.pages')}>
        <button type="button" class="secondary" disabled=${tokens.length === 0} onClick=${() => setTokens(tokens.slice(0, -1))}>
          ${t('executions.previous')}
        </button>
        <button
          type="button"
          class="secondary"
          disabled=${!result.data.nextToken}
          onClick=${() => setTokens([...tokens, result.data.nextToken])}
        >
          ${t('executions.next')}
        </button>
      </nav>`
    }
  `;
}
