import { html } from '../html.js';
import { t } from '../i18n.js';

const OUTCOMES = ['succeeded', 'failed', 'caught', 'in-progress', 'aborted', 'not-reached'];

/**
 * The server draws the SVG (escaped there); the page only places it. A text list of the states
 * and their statuses follows, so the picture is not the only way to read it.
 */
export function ExecutionGraph({ graph }) {
  return html`<section class="graph-panel" aria-labelledby="graph-heading">
    <h2 id="graph-heading">${t('graph.heading')}</h2>
    <ul class="legend" aria-label=${t('graph.legend')}>
      ${OUTCOMES.map((status) => html`<li><span class=${`swatch status-${status}`}></span>${t(`outcome.${status}`)}</li>`)}
    </ul>
    <div class="graph-scroll" dangerouslySetInnerHTML=${{ __html: graph.svg }}></div>
    <details>
      <summary>${t('graph.list')}</summary>
      <table class="compact">
        <caption class="sr-only">${t('graph.listCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">${t('graph.state')}</th>
            <th scope="col">${t('graph.outcome')}</th>
            <th scope="col" class="num">${t('graph.visits')}</th>
          </tr>
        </thead>
        <tbody>
          ${graph.states.map(
            (state) => html`<tr data-state=${state.name}>
              <th scope="row">${state.name}</th>
              <td><span class=${`swatch status-${state.status}`}></span>${t(`outcome.${state.status}`)}</td>
              <td class="num">${state.visits}</td>
            </tr>`,
          )}
        </tbody>
      </table>
    </details>
  </section>`;
}
