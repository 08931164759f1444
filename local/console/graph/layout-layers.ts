import { DUMMY_WIDTH, type Edge, type Item } from './layout-model.ts';

/** The layering half of the layout: cycles set aside, layers, dummy points, crossing reduction. */

/** Edges that close a cycle in a depth-first walk from the entry (then from any node not reached). */
export function findBackEdges(entry: string, ids: string[], edges: Edge[]): Set<Edge> {
  const outgoing = new Map<string, Edge[]>();
  for (const edge of edges) outgoing.set(edge.from, [...(outgoing.get(edge.from) ?? []), edge]);
  const state = new Map<string, 'open' | 'done'>();
  const back = new Set<Edge>();
  const walk = (root: string) => {
    const stack: Array<{ id: string; next: number }> = [{ id: root, next: 0 }];
    state.set(root, 'open');
    while (stack.length > 0) {
      const frame = stack[stack.length - 1]!;
      const edge = outgoing.get(frame.id)?.[frame.next];
      if (!edge) {
        state.set(frame.id, 'done');
        stack.pop();
        continue;
      }
      frame.next += 1;
      const seen = state.get(edge.to);
      if (seen === 'open') back.add(edge);
      else if (!seen) {
        state.set(edge.to, 'open');
        stack.push({ id: edge.to, next: 0 });
      }
    }
  };
  if (ids.includes(entry)) walk(entry);
  for (const id of ids) if (!state.has(id)) walk(id);
  return back;
}

/** Longest path from the sources over forward edges (Kahn's order). */
export function assignLayers(items: Map<string, Item>, forward: Edge[]): void {
  const indegree = new Map<string, number>([...items.keys()].map((id) => [id, 0]));
  for (const edge of forward) indegree.set(edge.to, (indegree.get(edge.to) ?? 0) + 1);
  const queue = [...items.keys()].filter((id) => indegree.get(id) === 0);
  while (queue.length > 0) {
    const id = queue.shift()!;
    for (const edge of forward.filter((candidate) => candidate.from === id)) {
      const target = items.get(edge.to)!;
      target.layer = Math.max(target.layer, items.get(id)!.layer + 1);
      indegree.set(edge.to, indegree.get(edge.to)! - 1);
      if (indegree.get(edge.to) === 0) queue.push(edge.to);
    }
  }
}

/** Splits edges that skip layers with dummy items; returns each edge's chain of item ids. */
export function insertDummies(items: Map<string, Item>, forward: Edge[]): Map<Edge, string[]> {
  const chains = new Map<Edge, string[]>();
  forward.forEach((edge, index) => {
    const from = items.get(edge.from)!;
    const to = items.get(edge.to)!;
    const chain = [edge.from];
    for (let layer = from.layer + 1; layer < to.layer; layer += 1) {
      const id = `\u0000dummy:${index}:${layer}`;
      items.set(id, { id, width: DUMMY_WIDTH, height: 0, layer, order: 0, x: 0, y: 0 });
      chain.push(id);
    }
    chain.push(edge.to);
    chains.set(edge, chain);
  });
  return chains;
}

export function orderLayers(items: Map<string, Item>, chains: Map<Edge, string[]>): Item[][] {
  const depth = Math.max(0, ...[...items.values()].map((item) => item.layer)) + 1;
  const filled: Item[][] = Array.from({ length: depth }, () => []);
  for (const item of items.values()) filled[item.layer]!.push(item);
  filled.forEach((layer) => {
    layer.forEach((item, order) => {
      item.order = order;
    });
  });
  const parents = new Map<string, string[]>();
  const children = new Map<string, string[]>();
  for (const chain of chains.values()) {
    for (let index = 1; index < chain.length; index += 1) {
      parents.set(chain[index]!, [...(parents.get(chain[index]!) ?? []), chain[index - 1]!]);
      children.set(chain[index - 1]!, [...(children.get(chain[index - 1]!) ?? []), chain[index]!]);
    }
  }
  const sweep = (layer: Item[], neighbours: Map<string, string[]>) => {
    const barycentre = (item: Item) => {
      const ids = neighbours.get(item.id) ?? [];
      if (ids.length === 0) return item.order;
      return ids.reduce((sum, id) => sum + items.get(id)!.order, 0) / ids.length;
    };
    const keyed = layer.map((item) => ({ item, key: barycentre(item) }));
    keyed.sort((a, b) => a.key - b.key || a.item.order - b.item.order);
    keyed.forEach(({ item }, order) => {
      item.order = order;
      layer[order] = item;
    });
  };
  for (let round = 0; round < 4; round += 1) {
    for (let index = 1; index < filled.length; index += 1) sweep(filled[index]!, parents);
    for (let index = filled.length - 2; index >= 0; index -= 1) sweep(filled[index]!, children);
  }
  return filled;
}
