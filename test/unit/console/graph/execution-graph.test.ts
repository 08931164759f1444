import { describe, expect, it } from 'vitest';
import { executionGraph } from '../../../../local/console/graph/execution-graph.ts';
import { entered, exited, history } from './history-builder.ts';

const definition = {
  StartAt: 'Check <eligibility>',
  States: {
    'Check <eligibility>': { Type: 'Task', Resource: 'x', Next: 'Reserve kits' },
    'Reserve kits': {
      Type: 'Task',
      Resource: 'x',
      Catch: [{ ErrorEquals: ['States.Timeout'], Next: 'Release stock' }],
      End: true,
    },
    'Release stock': { Type: 'Pass', End: true },
  },
};

describe('executionGraph', () => {
  const events = history(
    ['ExecutionStarted', {}],
    entered('Task', 'Check <eligibility>'),
    exited('Task', 'Check <eligibility>'),
    entered('Task', 'Reserve kits'),
    ['TaskFailed', { error: 'StockLedgerUnavailable', cause: 'ledger down' }],
    ['ExecutionFailed', { error: 'StockLedgerUnavailable', cause: 'ledger down' }],
  );
  const graph = executionGraph(definition, events, 'FAILED', 'kit-dispatch / alloc-1: FAILED');

  it('draws each state as an SVG group carrying its status in text, not colour alone', () => {
    expect(graph.svg).toMatch(/^<svg [^>]*role="img"/);
    expect(graph.svg).toContain('data-state="Reserve kits" data-status="failed"');
    expect(graph.svg).toContain('<title>Reserve kits (Task): Failed</title>');
    expect(graph.svg).toContain('data-state="Release stock" data-status="not-reached"');
  });

  it('escapes state names so a definition cannot inject markup into the page', () => {
    expect(graph.svg).not.toContain('<eligibility>');
    expect(graph.svg).toContain('Check &#60;eligibility&#62;');
  });

  it('draws Catch edges distinctly', () => {
    expect(graph.svg).toMatch(/<path class="edge edge-catch catch"[^>]*marker-end="url\(#arrow-catch\)"/);
    expect(graph.svg).toContain('Catch: States.Timeout');
  });

  it('lists every state with its outcome for the text view', () => {
    expect(graph.states).toEqual([
      { name: 'Check <eligibility>', status: 'succeeded', visits: 1, error: undefined, cause: undefined },
      {
        name: 'Reserve kits',
        status: 'failed',
        visits: 1,
        error: 'StockLedgerUnavailable',
        cause: 'ledger down',
      },
      { name: 'Release stock', status: 'not-reached', visits: 0 },
    ]);
  });

  it('names statuses in French for French-speaking operators', () => {
    const french = executionGraph(definition, events, 'FAILED', 'kit-dispatch / alloc-1', 'fr');
    expect(french.svg).toContain('<title>Reserve kits (Task): Échoué</title>');
    expect(french.svg).toContain('<title>Release stock (Pass): Non atteint</title>');
  });
});
