import type { HistoryEvent } from '@aws-sdk/client-sfn';
import { reconstructVisits, type StateSummary, summariseStates } from '../../ops/state-visits.ts';
import { END_ID, START_ID } from './asl-graph.ts';

export type NodeStatus = 'succeeded' | 'failed' | 'caught' | 'in-progress' | 'aborted' | 'not-reached';

export type Language = 'en' | 'fr';

/** What each colour means, in words: screen readers read these, and colour is never alone. */
export const STATUS_LABELS: Record<Language, Record<NodeStatus, string>> = {
  en: {
    succeeded: 'Succeeded',
    failed: 'Failed',
    caught: 'Caught error',
    'in-progress': 'In progress',
    aborted: 'Cancelled',
    'not-reached': 'Not reached',
  },
  fr: {
    succeeded: 'Réussi',
    failed: 'Échoué',
    caught: 'Erreur interceptée',
    'in-progress': 'En cours',
    aborted: 'Annulé',
    'not-reached': 'Non atteint',
  },
};

export interface StateStatus {
  status: NodeStatus;
  visits: number;
  error?: string | undefined;
  cause?: string | undefined;
}

/**
 * Colours every node from the history: each state its summarised outcome (not reached when it
 * has no visit), Start once the execution exists, End when it succeeded.
 */
export function nodeStatuses(events: HistoryEvent[], executionStatus: string): Map<string, StateStatus> {
  const statuses = new Map<string, StateStatus>();
  const summaries: Map<string, StateSummary> = summariseStates(reconstructVisits(events));
  for (const [name, summary] of summaries) {
    statuses.set(name, {
      status: summary.outcome,
      visits: summary.visits,
      error: summary.failure?.error,
      cause: summary.failure?.cause,
    });
  }
  statuses.set(START_ID, { status: 'succeeded', visits: 1 });
  statuses.set(END_ID, {
    status: executionStatus === 'SUCCEEDED' ? 'succeeded' : 'not-reached',
    visits: executionStatus === 'SUCCEEDED' ? 1 : 0,
  });
  return statuses;
}

export function statusOf(statuses: Map<string, StateStatus>, id: string): NodeStatus {
  return statuses.get(id)?.status ?? 'not-reached';
}
