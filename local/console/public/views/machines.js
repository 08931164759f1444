import { api } from '../api.js';
import { href, STATUSES, statusLabel } from '../format.js';
import { html } from '../html.js';
import { t } from '../i18n.js';
import { usePolling } from '../polling.js';
import { LoadState } from './load-state.js';

export function MachinesView({ polling }) {
  const result = usePolling(() => api('/machines'), [], polling);
  const machines = result.data?.stateMachines ?? [];
  if (result.changed && result.data) {
    const failed = machines.reduce((sum, machine) => sum + (machine.counts?.FAILED ?? 0), 0);
    queueMicrotask(() => polling.announce(t('machines.announce', { machines: machines.length, failed })));
  }
  return html`
    <h1 tabindex="-1">${t('nav.machines')}</h1>
    <${LoadState} result=${result} />
    ${
      result.data &&
      html`<div class="table-wrap">
      <table>
        <caption>
          ${t('machines.caption')}
        </caption>
        <thead>
          <tr>
            <th scope="col">${t('machines.column')}</th>
            ${STATUSES.map((status) => html`<th scope="col" class="num">${statusLabel(status)}</th>`)}
          </tr>
        </thead>
        <tbody>
          ${
            machines.length === 0 &&
            html`<tr>
            <td colspan=${STATUSES.length + 1}>${t('machines.none')}</td>
          </tr>`
          }
          ${machines.map(
            (machine) => html`<tr>
              <th scope="row">
                <a href=${href('/executions', { workflow: machine.name })}>${machine.name}</a>
                <span class="muted"> ${machine.type.toLowerCase()}</span>
              </th>
              ${
                !machine.counts &&
                html`<td colspan=${STATUSES.length} class="muted">${t('machines.express')}</td>`
              }
              ${(machine.counts ? STATUSES : []).map((status) => {
                const count = machine.counts[status];
                const label = `${count}${machine.capped ? '+' : ''}`;
                return html`<td class="num">
                  ${
                    count > 0
                      ? html`<a
                        class=${`count status-${status}`}
                        href=${href('/executions', { workflow: machine.name, status })}
                        aria-label=${t('machines.countLabel', { count: label, status: statusLabel(status).toLowerCase(), name: machine.name })}
                        >${label}</a
                      >`
                      : html`<span class="muted">0</span>`
                  }
                </td>`;
              })}
            </tr>`,
          )}
        </tbody>
      </table>
    </div>`
    }
  `;
}
