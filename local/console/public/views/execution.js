import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { durationOf, formatTime, href, statusLabel } from '../format.js';
import { html } from '../html.js';
import { t } from '../i18n.js';
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
      polling.announce(
        t('execution.announce', { status: statusLabel(detail.execution.status).toLowerCase() }),
      ),
    );
  }

  const act = async (action) => {
    setPending(undefined);
    try {
      await api(`/execution/${action}`, { method: 'POST', body: { executionArn: arn } });
      setMessage({
        kind: 'ok',
        text: action === 'redrive' ? t('execution.redriveStarted') : t('execution.stopped'),
      });
      await result.refresh();
    } catch (error) {
      setMessage({
        kind: 'error',
        text: t(action === 'redrive' ? 'execution.redriveFailed' : 'execution.stopFailed', {
          message: error.message,
        }),
      });
    }
  };

  const execution = detail?.execution;
  return html`
    <p class="breadcrumb"><a href=${href('/executions')}>${t('nav.executions')}</a> /</p>
    <h1 tabindex="-1">${execution?.name ?? t('execution.heading')}</h1>
    <${LoadState} result=${result} />
    ${
      execution &&
      html`
      <dl class="facts">
        <div><dt>${t('executions.status')}</dt><dd><${StatusBadge} status=${execution.status} /></dd></div>
        <div><dt>${t('executions.workflow')}</dt><dd><a href=${href('/executions', { workflow: execution.workflow })}>${execution.workflow}</a></dd></div>
        <div><dt>${t('executions.started')}</dt><dd>${formatTime(execution.startDate)}</dd></div>
        <div><dt>${t('executions.duration')}</dt><dd>${durationOf(execution)}</dd></div>
        <div><dt>${t('executions.redrives')}</dt><dd>${execution.redriveCount}</dd></div>
      </dl>
      <div class="actions">
        ${
          execution.status === 'RUNNING' &&
          html`<button type="button" class="danger" onClick=${() => setPending('stop')}>${t('execution.stop')}</button>`
        }
        ${
          REDRIVABLE.has(execution.status) &&
          html`<button
          type="button"
          onClick=${() => setPending('redrive')}
          disabled=${execution.redriveStatus === 'NOT_REDRIVABLE'}
          title=${execution.redriveStatusReason ?? ''}
        >
          ${t('execution.redrive')}
        </button>`
        }
        <label class="toggle">
          <input type="checkbox" checked=${showData} onChange=${(event) => setShowData(event.currentTarget.checked)} />
          ${t('execution.showData')}
        </label>
      </div>
      <div role="status" class=${message?.kind === 'error' ? 'error-text' : 'ok-text'}>${message?.text ?? ''}</div>
      ${
        detail.failure &&
        html`<section class="failure" aria-labelledby="failure-heading">
        <h2 id="failure-heading">${
          detail.failure.stateName
            ? t('execution.failureIn', { state: detail.failure.stateName })
            : t('execution.failure')
        }</h2>
        <dl>
          <dt>${t('execution.error')}</dt>
          <dd><code class="failure-error">${detail.failure.error ?? t('execution.none')}</code></dd>
          <dt>${t('execution.cause')}</dt>
          <dd><pre class="failure-cause">${detail.failure.cause ?? t('execution.none')}</pre></dd>
        </dl>
      </section>`
      }
      ${
        showData &&
        html`<section class="data" aria-labelledby="data-heading">
        <h2 id="data-heading">${t('execution.data')}</h2>
        <p class="hint">${t('execution.dataHint')}</p>
        <h3>${t('execution.input')}</h3>
        <pre>${pretty(execution.input)}</pre>
        <h3>${t('execution.output')}</h3>
        <pre>${pretty(execution.output)}</pre>
      </section>`
      }
      <div class="execution-grid">
        <${ExecutionGraph} graph=${detail.graph} />
        <${HistoryTable} events=${detail.events} showData=${showData} />
      </div>
      <${ConfirmDialog}
        open=${pending !== undefined}
        title=${pending === 'stop' ? t('confirm.stopTitle') : t('confirm.redriveTitle')}
        body=${pending === 'stop' ? t('confirm.stopBody') : t('confirm.redriveBody')}
        confirmLabel=${pending === 'stop' ? t('execution.stop') : t('execution.redrive')}
        danger=${pending === 'stop'}
        onConfirm=${() => act(pending)}
        onCancel=${() => setPending(undefined)}
      />
    `
    }
  `;
}

function pretty(json) {
  if (json === undefined || json === null) return t('execution.none');
  try {
    return JSON.stringify(JSON.parse(json), null, 2);
  } catch {
    return json;
  }
}
