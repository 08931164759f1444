import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildGraph } from '../../../../local/console/graph/asl-graph.ts';
import { layoutGraph, type PlacedGraph, type PlacedNode } from '../../../../local/console/graph/layout.ts';

const loop = {
  StartAt: 'Wait for follow-up',
  States: {
    'Wait for follow-up': {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
      Catch: [{ ErrorEquals: ['States.HeartbeatTimeout'], Next: 'Send reminder' }],
      Next: 'Check',
    },
    'Send reminder': { Type: 'Pass', Next: 'Wait for follow-up' },
    Check: { Type: 'Choice', Choices: [{ Condition: '{% true %}', Next: 'Done' }], Default: 'Close case' },
    'Close case': { Type: 'Pass', Next: 'Done' },
    Done: { Type: 'Succeed' },
  },
};

const nested = {
  StartAt: 'Fan out',
  States: {
    'Fan out': {
      Type: 'Parallel',
      Branches: [
        { StartAt: 'A', States: { A: { Type: 'Pass', Next: 'B' }, B: { Type: 'Pass', End: true } } },
        { StartAt: 'C', States: { C: { Type: 'Pass', End: true } } },
      ],
      Next: 'Per item',
    },
    'Per item': {
      Type: 'Map',
      ItemProcessor: { StartAt: 'Item', States: { Item: { Type: 'Pass', End: true } } },
      End: true,
    },
  },
};

function allNodes(graph: PlacedGraph): PlacedNode[] {
  return graph.nodes.flatMap((node) => [node, ...(node.children ?? []).flatMap(allNodes)]);
}

function overlaps(a: PlacedNode, b: PlacedNode): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

describe('layoutGraph', () => {
  it('lays the flow out top to bottom: every forward edge points down', () => {
    const placed = layoutGraph(buildGraph(loop));
    const byId = new Map(placed.nodes.map((node) => [node.id, node]));
    for (const edge of placed.edges.filter((e) => !e.back)) {
      expect(byId.get(edge.to)!.y, `${edge.from} -> ${edge.to}`).toBeGreaterThan(byId.get(edge.from)!.y);
    }
  });

  it('routes the edge that closes a loop along the right side, through gaps only', () => {
    const placed = layoutGraph(buildGraph(loop));
    const back = placed.edges.filter((edge) => edge.back);
    expect(back.map((edge) => `${edge.from}->${edge.to}`)).toEqual(['Send reminder->Wait for follow-up']);
    const rightmost = Math.max(...placed.nodes.map((node) => node.x + node.width));
    const lane = back[0]!.points[2]!;
    expect(lane.x).toBeGreaterThan(rightmost);
    expect(placed.width).toBeGreaterThan(lane.x);
    // Axis-aligned segments: none passes through a node other than where it starts and ends.
    const points = back[0]!.points;
    for (let index = 1; index < points.length; index += 1) {
      const [a, b] = [points[index - 1]!, points[index]!];
      for (const node of placed.nodes) {
        const inside =
          Math.max(a.x, b.x) > node.x + 1 &&
          Math.min(a.x, b.x) < node.x + node.width - 1 &&
          Math.max(a.y, b.y) > node.y + 1 &&
          Math.min(a.y, b.y) < node.y + node.height - 1;
        expect(inside, `segment ${index} crosses ${node.id}`).toBe(false);
      }
    }
  });

  it('never overlaps two nodes of the same graph', () => {
    for (const definition of [loop, nested]) {
      const placed = layoutGraph(buildGraph(definition));
      const nodes = placed.nodes;
      for (const [index, a] of nodes.entries()) {
        for (const b of nodes.slice(index + 1)) expect(overlaps(a, b), `${a.id} / ${b.id}`).toBe(false);
      }
    }
  });

  it('draws Parallel and Map as boxes that contain their branches side by side', () => {
    const placed = layoutGraph(buildGraph(nested));
    const parallel = placed.nodes.find((node) => node.id === 'Fan out')!;
    const inner = parallel.children!.flatMap(allNodes);
    expect(inner.map((node) => node.id).sort()).toEqual(['A', 'B', 'C']);
    for (const node of inner) {
      expect(node.x).toBeGreaterThanOrEqual(parallel.x);
      expect(node.x + node.width).toBeLessThanOrEqual(parallel.x + parallel.width);
      expect(node.y).toBeGreaterThan(parallel.y);
      expect(node.y + node.height).toBeLessThanOrEqual(parallel.y + parallel.height);
    }
    const [a, c] = [inner.find((n) => n.id === 'A')!, inner.find((n) => n.id === 'C')!];
    expect(a.y).toBe(c.y);
    expect(a.x + a.width).toBeLessThanOrEqual(c.x);
    const map = placed.nodes.find((node) => node.id === 'Per item')!;
    expect(map.y).toBeGreaterThan(parallel.y + parallel.height);
  });

  it('bends an edge that skips layers through its own points instead of across a node', () => {
    const placed = layoutGraph(buildGraph(loop));
    const skipping = placed.edges.find((edge) => edge.from === 'Check' && edge.to === 'Done')!;
    expect(skipping.points.length).toBeGreaterThan(2);
    const closeCase = placed.nodes.find((node) => node.id === 'Close case')!;
    const middle = skipping.points[1]!;
    expect(middle.x < closeCase.x || middle.x > closeCase.x + closeCase.width).toBe(true);
  });

  it('fits every node inside the drawing', () => {
    const placed = layoutGraph(buildGraph(nested));
    for (const node of allNodes(placed)) {
      expect(node.x).toBeGreaterThanOrEqual(0);
      expect(node.y).toBeGreaterThanOrEqual(0);
      expect(node.x + node.width).toBeLessThanOrEqual(placed.width);
      expect(node.y + node.height).toBeLessThanOrEqual(placed.height);
    }
  });
});

describe('layoutGraph on the project workflows', () => {
  const directory = new URL('../../../../workflows/', import.meta.url);
  const files = readdirSync(directory).filter((name) => name.endsWith('.asl.json'));

  it('finds workflows to draw', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(files)('draws %s top to bottom without overlapping nodes', (file) => {
    const definition = JSON.parse(readFileSync(new URL(file, directory), 'utf8'));
    const placed = layoutGraph(buildGraph(definition));
    const check = (graph: PlacedGraph) => {
      for (const [index, a] of graph.nodes.entries()) {
        for (const b of graph.nodes.slice(index + 1)) expect(overlaps(a, b), `${a.id} / ${b.id}`).toBe(false);
      }
      const byId = new Map(graph.nodes.map((node) => [node.id, node]));
      for (const edge of graph.edges.filter((e) => !e.back)) {
        expect(byId.get(edge.to)!.y, `${edge.from} -> ${edge.to}`).toBeGreaterThan(byId.get(edge.from)!.y);
      }
      for (const node of graph.nodes) for (const child of node.children ?? []) check(child);
    };
    check(placed);
  });
});
