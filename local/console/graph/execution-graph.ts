import type { HistoryEvent } from '@aws-sdk/client-sfn';
import type { AslDefinition } from '../../ops/asl-states.ts';
import { buildGraph, END_ID, START_ID } from './asl-graph.ts';
import { layoutGraph } from './layout.ts';
import { type Language, nodeStatuses, type StateStatus, statusOf } from './node-status.ts';
import { renderSvg } from './render-svg.ts';

export interface ExecutionGraph {
  svg: string;
  /** Every state with its status, for the text list beside the picture. */
  states: Array<{ name: string } & StateStatus>;
}

/** The picture of one execution: its definition laid out, coloured by what its history says. */
export function executionGraph(
  definition: AslDefinition,
  events: HistoryEvent[],
  executionStatus: string,
  title: string,
  language: Language = 'en',
): ExecutionGraph {
  const graph = buildGraph(definition);
  const statuses = nodeStatuses(events, executionStatus);
  const svg = renderSvg(layoutGraph(graph), (id) => statusOf(statuses, id), { title, language });
  const names: string[] = [];
  const collect = (nodes: typeof graph.nodes) => {
    for (const node of nodes) {
      if (node.id === START_ID || node.id === END_ID) continue;
      names.push(node.id);
      for (const child of node.children ?? []) collect(child.nodes);
    }
  };
  collect(graph.nodes);
  return {
    svg,
    states: names.map((name) => ({ name, ...(statuses.get(name) ?? { status: 'not-reached', visits: 0 }) })),
  };
}
