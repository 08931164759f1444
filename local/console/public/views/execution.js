import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { durationOf, formatTime, href } from '../format.js';
import { html } from '../html.js';
import { usePolling } from '../polling.js';
import { ConfirmDialog } from './confirm-dialog.js';
import { ExecutionGraph } from './execution-graph.js';
import { HistoryTable } from './history-table.js';
import { LoadState } from './load-state.js';
import { StatusBadge } from './status-badge.js';

const REDRIVABLE = new Set(['FAILED', 'TIMED_OUT', 'ABORTED']);

/** One execution: its graph coloured by outcome beside its history, the failure, stop and redrive. */
export function ExecutionView({ arn, polling }) {
  const [showData, setShowData] = useState(false);
  const [pending, setPending] = useState(undefined);
  const [message, setMessage] = useState(undefined);
  const query = new URLSearchParams({ arn: arn ?? '', ...(showData ? { data: '1' } : {}) });
  const result = usePolling(() => api(`/execution?${query}`), [query.toString()], polling);
  const detail = result.data;
  if (result.changed && detail) {
    queueMicrotask(() =>
      polling.announce(`Execution ${detail.execution.status.toLowerCase().replace('_', ' ')}.`),
    );
  }

  const act = async (action) => {
    setPending(undefined);
    try {
      await api(`/execution/${action}`, { method: 'POST', body: { executionArn: arn } });
      setMessage({ kind: 'ok', text: action === 'redrive' ? 'Redrive started.' : 'Execution stopped.' });
      await result.refresh();
    } catch (error) {
      setMessage({
        kind: 'error',
        text: `${action === 'redrive' ? 'Redrive' : 'Stop'} failed: ${error.message}`,
      });
    }
  };

  const execution = detail?.execution;
  return html`
    <p class="breadcrumb"><a href=${href('/executions')}>Executions</a> /</p>
    <h1 tabindex="-1">${execution?.name ?? 'Execution'}</h1>
    <${LoadState} result=${result} />
    ${
      execution &&
      html`
      <dl class="facts">
        <div><dt>Status</dt><dd><${StatusBadge} status=${execution.status} /></dd></div>
        <div><dt>Workflow</dt><dd><a href=${href('/executions', { workflow: execution.workflow })}>${execution.workflow}</a></dd></div>
        <div><dt>Started</dt><dd>${formatTime(execution.startDate)}</dd></div>
        <div><dt>Duration</dt><dd>${durationOf(execution)}</dd></div>
        <div><dt>Redrives</dt><dd>${execution.redriveCount}</dd></div>
      </dl>
      <div class="actions">
        ${
          execution.status === 'RUNNING' &&
          html`<button type="button" class="danger" onClick=${() => setPending('stop')}>Stop execution</button>`
        }
        ${
          REDRIVABLE.has(execution.status) &&
          html`<button
          type="button"
          onClick=${() => setPending('redrive')}
          disabled=${execution.redriveStatus === 'NOT_REDRIVABLE'}
          title=${execution.redriveStatusReason ?? ''}
        >
          Redrive
        </button>`
        }
        <label class="toggle">
          <input type="checkbox" checked=${showData} onChange=${(event) => setShowData(event.currentTarget.checked)} />
          Show input and output
        </label>
      </div>
      <div role="status" class=${message?.kind === 'error' ? 'error-text' : 'ok-text'}>${message?.text ?? ''}</div>
      ${
        detail.failure &&
        html`<section class="failure" aria-labelledby="failure-heading">
        <h2 id="failure-heading">Failure${detail.failure.stateName ? ` in “${detail.failure.stateName}”` : ''}</h2>
        <dl>
          <dt>Error</dt>
          <dd><code class="failure-error">${detail.failure.error ?? '(none)'}</code></dd>
          <dt>Cause</dt>
          <dd><pre class="failure-cause">${detail.failure.cause ?? '(none)'}</pre></dd>
        </dl>
      </section>`
      }
      ${
        showData &&
        html`<section class="data" aria-labelledby="data-heading">
        <h2 id="data-heading">Input and output</h2>
        <p class="hint">Workflow payloads carry identifiers only.</p>
        <h3>Input</h3>
        <pre>${pretty(execution.input)}</pre>
        <h3>Output</h3>
        <pre>${pretty(execution.output)}</pre>
      </section>`
      }
      <div class="execution-grid">
        <${ExecutionGraph} graph=${detail.graph} />
        <${HistoryTable} events=${detail.events} showData=${showData} />
      </div>
      <${ConfirmDialog}
        open=${pending !== undefined}
        title=${pending === 'stop' ? 'Stop this execution?' : 'Redrive this execution?'}
        body=${
          pending === 'stop'
            ? 'The execution ends as Aborted. Work already done is not undone.'
            : 'The execution restarts from the state that failed. States that succeeded are not run again.'
        }
        confirmLabel=${pending === 'stop' ? 'Stop execution' : 'Redrive'}
        danger=${pending === 'stop'}
        onConfirm=${() => act(pending)}
        onCancel=${() => setPending(undefined)}
      />
    `
    }
  `;
}

function pretty(json) {
  if (json === undefined || json === null) return '(none)';
  try {
    return JSON.stringify(JSON.parse(json), null, 2);
  } catch {
    return json;
  }
}
