import type { SFNClient } from '@aws-sdk/client-sfn';
import { formatDuration } from '../ops/duration.ts';
import { findWaitingExecutions, type WaitingExecution } from '../ops/waiting.ts';

/**
 * A programme view: a titled table of identifiers and counts, never personal data. Sources are
 * pluggable (`programmeViews` option); the default one derives what it can from executions
 * parked at callback states, so it works with nothing but the Step Functions API.
 */
export interface ProgrammeView {
  id: string;
  title: string;
  count: number;
  columns: Array<{ key: string; label: string }>;
  rows: Array<Record<string, string | number>>;
  /** Said under the table, e.g. where the figures come from or why a view is empty. */
  note?: string;
}

export interface ProgrammeViewContext {
  client: SFNClient;
  now: Date;
}

export type ProgrammeViewsSource = (context: ProgrammeViewContext) => Promise<ProgrammeView[]>;

/**
 * Callback states by what they wait for, matched on the names operators read in the console
 * ("Wait for supervisor review", "Wait for review after reminder", "Wait for confirmation" ...).
 * Only callback states are matched, so a task named "Review ..." never counts.
 */
const REVIEW = /review/i;
const CONFIRMATION = /confirm/i;
const FOLLOW_UP = /follow[- ]?up/i;

export const deriveProgrammeViews: ProgrammeViewsSource = async ({ client, now }) => {
  const { waiting, truncated } = await findWaitingExecutions(client, { now });
  const note = truncated ? 'Only the newest running executions were examined.' : undefined;
  const reviews = waiting.filter((row) => REVIEW.test(row.stateName));
  const confirmations = waiting.filter((row) => CONFIRMATION.test(row.stateName));
  const followUps = waiting.filter((row) => FOLLOW_UP.test(row.stateName) && row.overdue);
  return [
    waitingView('pending-reviews', 'Pending supervisor reviews', reviews, 'householdId', note),
    waitingView(
      'awaiting-confirmation',
      'Allocations awaiting confirmation',
      confirmations,
      'allocationId',
      note,
    ),
    {
      id: 'overdue-follow-ups',
      title: 'Overdue GBV follow-ups',
      count: followUps.length,
      // Case ids only: anything more about a GBV case stays in the protection table.
      columns: [{ key: 'caseId', label: 'Case id' }],
      rows: [...new Set(followUps.map((row) => row.identifiers.caseId ?? '(no case id)'))].map((caseId) => ({
        caseId,
      })),
      ...(note ? { note } : {}),
    },
    {
      id: 'stock-by-site',
      title: 'Stock by site',
      count: 0,
      columns: [
        { key: 'siteId', label: 'Site' },
        { key: 'kits', label: 'Kits in stock' },
      ],
      rows: [],
      note: 'Stock levels live in the registry table, not in executions: plug a source through the programmeViews option.',
    },
  ];
};

function waitingView(
  id: string,
  title: string,
  rows: WaitingExecution[],
  idKey: string,
  note: string | undefined,
): ProgrammeView {
  return {
    id,
    title,
    count: rows.length,
    columns: [
      { key: 'id', label: 'Id' },
      { key: 'workflow', label: 'Workflow' },
      { key: 'waited', label: 'Waiting for' },
      { key: 'overdue', label: 'Overdue' },
    ],
    rows: rows.map((row) => ({
      id:
        row.identifiers[idKey] ??
        Object.values(row.identifiers)[0] ??
        row.executionArn.split(':').at(-1) ??
        '',
      workflow: row.workflow,
      waited: formatDuration(row.waitedMs),
      overdue: row.overdue ? 'yes' : 'no',
      executionArn: row.executionArn,
    })),
    ...(note ? { note } : {}),
  };
}

/** The default views, with any view of the same id replaced by the plugged source's. */
export async function loadProgrammeViews(
  context: ProgrammeViewContext,
  plugged: ProgrammeViewsSource | undefined,
): Promise<ProgrammeView[]> {
  const [derived, extra] = await Promise.all([deriveProgrammeViews(context), plugged?.(context) ?? []]);
  const byId = new Map(derived.map((view) => [view.id, view]));
  for (const view of extra) byId.set(view.id, view);
  return [...byId.values()];
}
