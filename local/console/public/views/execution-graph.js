import { html } from '../html.js';

const LEGEND = [
  ['succeeded', 'Succeeded'],
  ['failed', 'Failed'],
  ['caught', 'Caught error'],
  ['in-progress', 'In progress'],
  ['aborted', 'Cancelled'],
  ['not-reached', 'Not reached'],
];

/**
 * The server draws the SVG (escaped there); the page only places it. A text list of the states
 * and their statuses follows, so the picture is not the only way to read it.
 */
export function ExecutionGraph({ graph }) {
  return html`<section class="graph-panel" aria-labelledby="graph-heading">
    <h2 id="graph-heading">Graph</h2>
    <ul class="legend" aria-label="Legend">
      ${LEGEND.map(([status, label]) => html`<li><span class=${`swatch status-${status}`}></span>${label}</li>`)}
    </ul>
    <div class="graph-scroll" dangerouslySetInnerHTML=${{ __html: graph.svg }}></div>
    <details>
      <summary>States as a list</summary>
      <table class="compact">
        <caption class="sr-only">States and their outcome</caption>
        <thead>
          <tr><th scope="col">State</th><th scope="col">Outcome</th><th scope="col" class="num">Visits</th></tr>
        </thead>
        <tbody>
          ${graph.states.map(
            (state) => html`<tr data-state=${state.name}>
              <th scope="row">${state.name}</th>
              <td><span class=${`swatch status-${state.status}`}></span>${LEGEND.find(([key]) => key === state.status)?.[1]}</td>
              <td class="num">${state.visits}</td>
            </tr>`,
          )}
        </tbody>
      </table>
    </details>
  </section>`;
}
