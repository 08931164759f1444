import type { EdgeKind, GraphEdge, GraphNode } from './asl-graph.ts';

/** Shapes and spacing shared by the layout steps. */

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

export const NODE_HEIGHT = 40;
export const TERMINAL = { width: 72, height: 30 };
export const LAYER_GAP = 52;
export const NODE_GAP = 36;
export const BRANCH_GAP = 24;
export const BOX_PADDING = 16;
export const BOX_HEADER = 30;
export const DUMMY_WIDTH = 12;
export const MARGIN = 16;
export const BACK_EDGE_SPACING = 14;

/** A node (or a dummy point of an edge that skips layers) while the layout works on it. */
export interface Item {
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

export type Edge = GraphEdge;
