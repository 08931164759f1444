import { type AslDefinition, type AslState, childDefinitions } from '../../ops/asl-states.ts';

/** A state machine as nodes and edges, the shape the layout works on. */
export interface GraphNode {
  id: string;
  label: string;
  kind: 'start' | 'end' | 'state';
  stateType?: string;
  /** Parallel branches, or the single processor of a Map, each drawn inside the node. */
  children?: Graph[];
}

export type EdgeKind = 'next' | 'choice' | 'default' | 'catch';

export interface GraphEdge {
  from: string;
  to: string;
  kind: EdgeKind;
  label?: string;
}

export interface Graph {
  /** The node the flow starts at (`Start` at the top level, `StartAt` in a branch). */
  entry: string;
  nodes: GraphNode[];
  edges: GraphEdge[];
}

export const START_ID = '\u0000start';
export const END_ID = '\u0000end';

/**
 * Turns an ASL definition into a graph: Next, Choice rules and Default, Catch edges (labelled
 * with the errors they catch, unless they catch everything); Parallel and Map become nodes that hold their branches. The top
 * level gets Start and End nodes, as the AWS console draws them; branches do not.
 */
export function buildGraph(definition: AslDefinition, topLevel = true): Graph {
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const states = Object.entries(definition.States ?? {});
  const names = new Set(states.map(([name]) => name));
  const startAt = String(definition.StartAt ?? states[0]?.[0] ?? '');
  const addEdge = (edge: GraphEdge) => {
    // A Next to a state that does not exist is a definition bug the API would have refused; drawing it would lie.
    if (names.has(edge.to) || edge.to === END_ID) edges.push(edge);
  };

  if (topLevel) {
    nodes.push({ id: START_ID, label: 'Start', kind: 'start' });
    if (names.has(startAt)) edges.push({ from: START_ID, to: startAt, kind: 'next' });
  }
  for (const [name, state] of states) {
    const children = childDefinitions(state).map((child) => buildGraph(child, false));
    nodes.push({
      id: name,
      label: name,
      kind: 'state',
      stateType: String(state.Type ?? 'Task'),
      ...(children.length > 0 ? { children } : {}),
    });
    for (const edge of outgoingEdges(name, state)) addEdge(edge);
    if (topLevel && isTerminal(state)) edges.push({ from: name, to: END_ID, kind: 'next' });
  }
  if (topLevel) nodes.push({ id: END_ID, label: 'End', kind: 'end' });
  return { entry: topLevel ? START_ID : startAt, nodes, edges };
}

function outgoingEdges(name: string, state: AslState): GraphEdge[] {
  const edges: GraphEdge[] = [];
  if (typeof state.Next === 'string') edges.push({ from: name, to: state.Next, kind: 'next' });
  if (state.Type === 'Choice') {
    const choices = Array.isArray(state.Choices) ? (state.Choices as AslState[]) : [];
    for (const choice of choices) {
      if (typeof choice.Next !== 'string') continue;
      const label = typeof choice.Comment === 'string' ? choice.Comment : undefined;
      edges.push({ from: name, to: choice.Next, kind: 'choice', ...(label ? { label } : {}) });
    }
    if (typeof state.Default === 'string') {
      edges.push({ from: name, to: state.Default, kind: 'default', label: 'Default' });
    }
  }
  const catchers = Array.isArray(state.Catch) ? (state.Catch as AslState[]) : [];
  for (const catcher of catchers) {
    if (typeof catcher.Next !== 'string') continue;
    const errors = Array.isArray(catcher.ErrorEquals) ? catcher.ErrorEquals.join(', ') : 'States.ALL';
    // A catch-all is the common case and its dashed arrow says enough; naming it everywhere clutters.
    const label = errors === 'States.ALL' ? undefined : `Catch: ${errors}`;
    edges.push({ from: name, to: catcher.Next, kind: 'catch', ...(label ? { label } : {}) });
  }
  return dedupe(edges);
}

/** Two Choice rules to the same state draw one arrow. */
function dedupe(edges: GraphEdge[]): GraphEdge[] {
  const seen = new Set<string>();
  return edges.filter((edge) => {
    const key = `${edge.to}|${edge.kind === 'default' ? 'choice' : edge.kind}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function isTerminal(state: AslState): boolean {
  return state.End === true || state.Type === 'Succeed' || state.Type === 'Fail';
}
