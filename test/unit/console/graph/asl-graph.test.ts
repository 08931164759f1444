import { describe, expect, it } from 'vitest';
import { buildGraph, END_ID, START_ID } from '../../../../local/console/graph/asl-graph.ts';

const definition = {
  StartAt: 'Check',
  States: {
    Check: { Type: 'Task', Resource: 'x', Next: 'Route' },
    Route: {
      Type: 'Choice',
      Choices: [
        { Condition: '{% $x %}', Next: 'Fan out', Comment: 'eligible' },
        { Condition: '{% $y %}', Next: 'Fan out' },
      ],
      Default: 'Reject',
    },
    'Fan out': {
      Type: 'Parallel',
      Branches: [
        { StartAt: 'A', States: { A: { Type: 'Pass', Next: 'B' }, B: { Type: 'Pass', End: true } } },
        { StartAt: 'C', States: { C: { Type: 'Pass', End: true } } },
      ],
      Catch: [
        { ErrorEquals: ['States.Timeout', 'Lambda.ServiceException'], Next: 'Reject' },
        { ErrorEquals: ['States.ALL'], Next: 'Per item' },
      ],
      Next: 'Per item',
    },
    'Per item': {
      Type: 'Map',
      ItemProcessor: { StartAt: 'Item', States: { Item: { Type: 'Pass', End: true } } },
      End: true,
    },
    Reject: { Type: 'Fail', Error: 'Rejected' },
  },
};

describe('buildGraph', () => {
  const graph = buildGraph(definition);
  const edge = (from: string, to: string) => graph.edges.find((e) => e.from === from && e.to === to);

  it('adds Start and End around the top level, as the AWS console draws them', () => {
    expect(graph.entry).toBe(START_ID);
    expect(edge(START_ID, 'Check')?.kind).toBe('next');
    expect(edge('Per item', END_ID)).toBeDefined();
    expect(edge('Reject', END_ID)).toBeDefined();
  });

  it('draws Choice rules and Default, one arrow per target', () => {
    expect(edge('Route', 'Fan out')).toMatchObject({ kind: 'choice', label: 'eligible' });
    expect(graph.edges.filter((e) => e.from === 'Route' && e.to === 'Fan out')).toHaveLength(1);
    expect(edge('Route', 'Reject')).toMatchObject({ kind: 'default', label: 'Default' });
  });

  it('draws Catch edges labelled with the errors they catch, leaving catch-alls unlabelled', () => {
    expect(edge('Fan out', 'Reject')).toMatchObject({
      kind: 'catch',
      label: 'Catch: States.Timeout, Lambda.ServiceException',
    });
    const catchAll = graph.edges.find(
      (e) => e.from === 'Fan out' && e.to === 'Per item' && e.kind === 'catch',
    );
    expect(catchAll).toEqual({ from: 'Fan out', to: 'Per item', kind: 'catch' });
  });

  it('holds Parallel branches and the Map processor as child graphs without Start and End', () => {
    const parallel = graph.nodes.find((node) => node.id === 'Fan out')!;
    expect(parallel.children?.map((child) => child.entry)).toEqual(['A', 'C']);
    expect(parallel.children?.[0]?.edges).toEqual([{ from: 'A', to: 'B', kind: 'next' }]);
    expect(parallel.children?.[0]?.nodes.some((node) => node.kind !== 'state')).toBe(false);
    const map = graph.nodes.find((node) => node.id === 'Per item')!;
    expect(map.children?.[0]?.nodes.map((node) => node.id)).toEqual(['Item']);
  });

  it('ignores transitions to states that do not exist rather than drawing them', () => {
    const broken = buildGraph({ StartAt: 'A', States: { A: { Type: 'Pass', Next: 'Missing' } } });
    expect(broken.edges.map((e) => e.to)).toEqual(['A']);
  });
});
