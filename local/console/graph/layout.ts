import type { Graph, GraphNode } from './asl-graph.ts';
import { assignLayers, findBackEdges, insertDummies, orderLayers } from './layout-layers.ts';
import {
  BACK_EDGE_SPACING,
  BOX_HEADER,
  BOX_PADDING,
  BRANCH_GAP,
  type Item,
  LAYER_GAP,
  MARGIN,
  NODE_HEIGHT,
  type PlacedEdge,
  type PlacedGraph,
  type PlacedNode,
  TERMINAL,
} from './layout-model.ts';
import { placeHorizontally, placeVertically } from './layout-placement.ts';

export type { PlacedEdge, PlacedGraph, PlacedNode, Point } from './layout-model.ts';

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
