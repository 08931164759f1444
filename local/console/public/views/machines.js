import { api } from '../api.js';
import { href, STATUS_LABELS } from '../format.js';
import { html } from '../html.js';
import { usePolling } from '../polling.js';
import { LoadState } from './load-state.js';

const STATUSES = ['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED', 'PENDING_REDRIVE'];

export function MachinesView({ polling }) {
  const result = usePolling(() => api('/machines'), [], polling);
  const machines = result.data?.stateMachines ?? [];
  if (result.changed && result.data) {
    const failed = machines.reduce((sum, machine) => sum + (machine.counts?.FAILED ?? 0), 0);
    queueMicrotask(() =>
      polling.announce(`State machines updated: ${machines.length} machines, ${failed} failed executions.`),
    );
  }
  return html`
    <h1 tabindex="-1">State machines</h1>
    <${LoadState} result=${result} />
    ${
      result.data &&
      html`<div class="table-wrap">
      <table>
        <caption>
          Executions by status for each state machine. Select a count to list those executions.
        </caption>
        <thead>
          <tr>
            <th scope="col">State machine</th>
            ${STATUSES.map((status) => html`<th scope="col" class="num">${STATUS_LABELS[status]}</th>`)}
          </tr>
        </thead>
        <tbody>
          ${
            machines.length === 0 &&
            html`<tr>
            <td colspan=${STATUSES.length + 1}>No state machines.</td>
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
                html`<td colspan=${STATUSES.length} class="muted">Express workflow: executions are in CloudWatch Logs</td>`
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
                        aria-label=${`${label} ${STATUS_LABELS[status].toLowerCase()} executions of ${machine.name}`}
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
