import type { EdgeKind, Graph, GraphNode } from './asl-graph.ts';

export interface Point {
  x: number;
  y: number;
}

export interface PlacedNode {
  id: string;
  label: string;
  kind: GraphNode['kind'];
  stateType?: string | undefined;
  x: number;
  y: number;
  width: number;
  height: number;
  /** Branch layouts, already translated into this node's box. */
  children?: PlacedGraph[];
}

export interface PlacedEdge {
  from: string;
  to: string;
  kind: EdgeKind;
  label?: string | undefined;
  /** From the source's border to the target's border; back edges run along the right side. */
  points: Point[];
  back: boolean;
}

export interface PlacedGraph {
  width: number;
  height: number;
  nodes: PlacedNode[];
  edges: PlacedEdge[];
}

const NODE_HEIGHT = 40;
const TERMINAL = { width: 72, height: 30 };
const LAYER_GAP = 52;
const NODE_GAP = 36;
const BRANCH_GAP = 24;
const BOX_PADDING = 16;
const BOX_HEADER = 30;
const DUMMY_WIDTH = 12;
const MARGIN = 16;
const BACK_EDGE_SPACING = 14;

interface Item {
  id: string;
  node?: GraphNode;
  width: number;
  height: number;
  layer: number;
  order: number;
  x: number;
  y: number;
  children?: PlacedGraph[];
}

/**
 * A layered (Sugiyama-style) layout, top to bottom like the AWS console: back edges found by a
 * depth-first walk from the entry are set aside, layers are longest paths, edges that skip
 * layers get dummy points, a few barycentre sweeps order each layer to reduce crossings, and
 * nodes are placed under the mean of their parents. Parallel and Map nodes are boxes holding
 * their branches' own layouts side by side.
 */
export function layoutGraph(graph: Graph): PlacedGraph {
  const items = new Map<string, Item>();
  for (const node of graph.nodes) items.set(node.id, sizeNode(node));
  const edges = graph.edges.filter((edge) => items.has(edge.from) && items.has(edge.to));

  const backEdges = findBackEdges(graph.entry, [...items.keys()], edges);
  const forward = edges.filter((edge) => !backEdges.has(edge) && edge.from !== edge.to);
  assignLayers(items, forward);
  const chains = insertDummies(items, forward);
  const layers = orderLayers(items, chains);
  const height = placeVertically(layers);
  placeHorizontally(layers, chains);

  let minX = Number.POSITIVE_INFINITY;
  let maxX = 0;
  for (const item of items.values()) {
    minX = Math.min(minX, item.x);
    maxX = Math.max(maxX, item.x + item.width);
  }
  const shift = MARGIN - (Number.isFinite(minX) ? minX : 0);
  for (const item of items.values()) item.x += shift;
  maxX += shift;

  const placedEdges: PlacedEdge[] = [];
  for (const edge of forward) {
    const chain = chains.get(edge)!;
    const points = chain.map((id, index) => {
      const item = items.get(id)!;
      if (index === 0) return { x: item.x + item.width / 2, y: item.y + item.height };
      if (index === chain.length - 1) return { x: item.x + item.width / 2, y: item.y };
      return { x: item.x + item.width / 2, y: item.y + item.height / 2 };
    });
    placedEdges.push({
      from: edge.from,
      to: edge.to,
      kind: edge.kind,
      label: edge.label,
      points,
      back: false,
    });
  }
  let lane = 0;
  for (const edge of edges.filter(
    (candidate) => backEdges.has(candidate) || candidate.from === candidate.to,
  )) {
    lane += 1;
    const source = items.get(edge.from)!;
    const target = items.get(edge.to)!;
    const laneX = maxX + lane * BACK_EDGE_SPACING;
    // Leave through the bottom and enter through the top, running only in the gaps between
    // layers and in a lane right of everything, so a loop never crosses a node.
    const inset = Math.min(source.width, target.width) / 4;
    const below = source.y + source.height + LAYER_GAP / 2 - lane * 3;
    const above = target.y - LAYER_GAP / 2 + lane * 3;
    placedEdges.push({
      from: edge.from,
      to: edge.to,
      kind: edge.kind,
      label: edge.label,
      back: true,
      points: [
        { x: source.x + source.width / 2 + inset, y: source.y + source.height },
        { x: source.x + source.width / 2 + inset, y: below },
        { x: laneX, y: below },
        { x: laneX, y: above },
        { x: target.x + target.width / 2 + inset, y: above },
        { x: target.x + target.width / 2 + inset, y: target.y },
      ],
    });
  }

  const nodes: PlacedNode[] = graph.nodes.map((node) => {
    const item = items.get(node.id)!;
    return {
      id: node.id,
      label: node.label,
      kind: node.kind,
      stateType: node.stateType,
      x: item.x,
      y: item.y,
      width: item.width,
      height: item.height,
      ...(item.children ? { children: translateChildren(item) } : {}),
    };
  });
  return {
    width: maxX + lane * BACK_EDGE_SPACING + MARGIN,
    height: height + MARGIN,
    nodes,
    edges: placedEdges,
  };
}

function sizeNode(node: GraphNode): Item {
  const base = { id: node.id, node, layer: 0, order: 0, x: 0, y: 0 };
  if (node.kind !== 'state') return { ...base, ...TERMINAL };
  const labelWidth = Math.min(280, Math.max(128, node.label.length * 7.2 + 32));
  if (!node.children) return { ...base, width: labelWidth, height: NODE_HEIGHT };
  const children = node.children.map(layoutGraph);
  const innerWidth =
    children.reduce((sum, child) => sum + child.width, 0) + BRANCH_GAP * (children.length - 1);
  const innerHeight = Math.max(NODE_HEIGHT, ...children.map((child) => child.height));
  return {
    ...base,
    width: Math.max(labelWidth, innerWidth + 2 * BOX_PADDING),
    height: innerHeight + BOX_HEADER + BOX_PADDING,
    children,
  };
}

function translateChildren(item: Item): PlacedGraph[] {
  const children = item.children ?? [];
  const innerWidth =
    children.reduce((sum, child) => sum + child.width, 0) + BRANCH_GAP * (children.length - 1);
  let left = item.x + (item.width - innerWidth) / 2;
  return children.map((child) => {
    const dx = left;
    const dy = item.y + BOX_HEADER;
    left += child.width + BRANCH_GAP;
    return translate(child, dx, dy);
  });
}

function translate(graph: PlacedGraph, dx: number, dy: number): PlacedGraph {
  return {
    ...graph,
    nodes: graph.nodes.map((node) => ({
      ...node,
      x: node.x + dx,
      y: node.y + dy,
      ...(node.children ? { children: node.children.map((child) => translate(child, dx, dy)) } : {}),
    })),
    edges: graph.edges.map((edge) => ({
      ...edge,
      points: edge.points.map((point) => ({ x: point.x + dx, y: point.y + dy })),
    })),
  };
}

type Edge = Graph['edges'][number];

/** Edges that close a cycle in a depth-first walk from the entry (then from any node not reached). */
function findBackEdges(entry: string, ids: string[], edges: Edge[]): Set<Edge> {
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
function assignLayers(items: Map<string, Item>, forward: Edge[]): void {
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
function insertDummies(items: Map<string, Item>, forward: Edge[]): Map<Edge, string[]> {
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

function orderLayers(items: Map<string, Item>, chains: Map<Edge, string[]>): Item[][] {
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

function placeVertically(layers: Item[][]): number {
  let top = MARGIN;
  for (const layer of layers) {
    const height = Math.max(0, ...layer.map((item) => item.height));
    for (const item of layer) item.y = top + (height - item.height) / 2;
    top += height + LAYER_GAP;
  }
  return top - LAYER_GAP;
}

/**
 * Places nodes under the mean of their neighbours: alternating sweeps down (parents) and up
 * (children), each layer put as close as it can to where its nodes want to be while keeping
 * their order and spacing (a least-squares fit, solved by merging blocks that would overlap).
 */
function placeHorizontally(layers: Item[][], chains: Map<Edge, string[]>): void {
  const parents = new Map<string, Item[]>();
  const children = new Map<string, Item[]>();
  const byId = new Map(layers.flat().map((item) => [item.id, item]));
  for (const chain of chains.values()) {
    for (let index = 1; index < chain.length; index += 1) {
      const upper = byId.get(chain[index - 1]!)!;
      const lower = byId.get(chain[index]!)!;
      parents.set(lower.id, [...(parents.get(lower.id) ?? []), upper]);
      children.set(upper.id, [...(children.get(upper.id) ?? []), lower]);
    }
  }
  for (const layer of layers)
    packLayer(
      layer,
      layer.map(() => 0),
    );
  const centre = (item: Item) => item.x + item.width / 2;
  const align = (layer: Item[], neighbours: Map<string, Item[]>) => {
    const desired = layer.map((item) => {
      const near = neighbours.get(item.id) ?? [];
      return near.length > 0
        ? near.reduce((sum, other) => sum + centre(other), 0) / near.length
        : centre(item);
    });
    packLayer(layer, desired);
  };
  for (let round = 0; round < 6; round += 1) {
    for (const layer of layers.slice(1)) align(layer, parents);
    for (const layer of layers.slice(0, -1).reverse()) align(layer, children);
  }
  for (const layer of layers.slice(1)) align(layer, parents);
}

/** Puts each item's centre as near its desired centre as order and spacing allow. */
function packLayer(layer: Item[], desired: number[]): void {
  interface Block {
    first: number;
    last: number;
    /** Sum of (desired centre - offset from the block's first centre) and count, for the mean. */
    sum: number;
    count: number;
    centre: number;
  }
  const offsets: number[] = [];
  const blocks: Block[] = [];
  for (let index = 0; index < layer.length; index += 1) {
    const block: Block = {
      first: index,
      last: index,
      sum: desired[index]!,
      count: 1,
      centre: desired[index]!,
    };
    offsets[index] = 0;
    blocks.push(block);
    for (;;) {
      const previous = blocks.at(-2);
      const current = blocks.at(-1)!;
      if (!previous) break;
      const previousRight = previous.centre + offsets[previous.last]! + layer[previous.last]!.width / 2;
      const currentLeft = current.centre - layer[current.first]!.width / 2;
      if (previousRight + NODE_GAP <= currentLeft) break;
      // Merge: the current block's items continue the previous block's run.
      const shift =
        offsets[previous.last]! +
        layer[previous.last]!.width / 2 +
        NODE_GAP +
        layer[current.first]!.width / 2;
      for (let k = current.first; k <= current.last; k += 1) {
        offsets[k] = offsets[k]! + shift;
        previous.sum += desired[k]! - offsets[k]!;
      }
      previous.count += current.count;
      previous.last = current.last;
      previous.centre = previous.sum / previous.count;
      blocks.pop();
    }
  }
  for (const block of blocks) {
    for (let k = block.first; k <= block.last; k += 1) {
      layer[k]!.x = block.centre + offsets[k]! - layer[k]!.width / 2;
    }
  }
}
