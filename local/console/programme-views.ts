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
  /** The operator's language (Accept-Language), for titles and notes. */
  language: 'en' | 'fr';
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

const WORDS = {
  en: {
    truncated: 'Only the newest running executions were examined.',
    reviews: 'Pending supervisor reviews',
    confirmations: 'Allocations awaiting confirmation',
    followUps: 'Overdue GBV follow-ups',
    stock: 'Stock by site',
    stockNote:
      'Stock levels live in the registry table, not in executions: plug a source through the programmeViews option.',
    caseId: 'Case id',
    noCaseId: '(no case id)',
    site: 'Site',
    kits: 'Kits in stock',
    id: 'Id',
    workflow: 'Workflow',
    waited: 'Waiting for',
    overdue: 'Overdue',
    yes: 'yes',
    no: 'no',
    waits: 'Waiting for a person, by step',
    step: 'Step',
    count: 'Waiting',
  },
  fr: {
    truncated: 'Seules les exécutions en cours les plus récentes ont été examinées.',
    reviews: 'Revues du superviseur en attente',
    confirmations: 'Allocations en attente de confirmation',
    followUps: 'Suivis VBG en retard',
    stock: 'Stock par site',
    stockNote:
      "Les stocks sont dans la table du registre, pas dans les exécutions : branchez une source par l'option programmeViews.",
    caseId: 'Identifiant du cas',
    noCaseId: "(pas d'identifiant)",
    site: 'Site',
    kits: 'Kits en stock',
    id: 'Identifiant',
    workflow: 'Workflow',
    waited: 'En attente depuis',
    overdue: 'En retard',
    yes: 'oui',
    no: 'non',
    waits: "En attente d'une personne, par étape",
    step: 'Étape',
    count: 'En attente',
  },
} as const;

type Words = (typeof WORDS)['en' | 'fr'];

export const deriveProgrammeViews: ProgrammeViewsSource = async ({ client, now, language }) => {
  const words = WORDS[language];
  const { waiting, truncated } = await findWaitingExecutions(client, { now });
  const note = truncated ? words.truncated : undefined;
  const reviews = waiting.filter((row) => REVIEW.test(row.stateName));
  const confirmations = waiting.filter((row) => CONFIRMATION.test(row.stateName));
  const followUps = waiting.filter((row) => FOLLOW_UP.test(row.stateName) && row.overdue);
  return [
    waitingView('pending-reviews', words.reviews, reviews, 'householdId', words, note),
    waitingView('awaiting-confirmation', words.confirmations, confirmations, 'allocationId', words, note),
    {
      id: 'overdue-follow-ups',
      title: words.followUps,
      count: followUps.length,
      // Case ids only: anything more about a GBV case stays in the protection table.
      columns: [{ key: 'caseId', label: words.caseId }],
      rows: [...new Set(followUps.map((row) => row.identifiers.caseId ?? words.noCaseId))].map((caseId) => ({
        caseId,
      })),
      ...(note ? { note } : {}),
    },
    waitsByStep(waiting, words, note),
    {
      id: 'stock-by-site',
      title: words.stock,
      count: 0,
      columns: [
        { key: 'siteId', label: words.site },
        { key: 'kits', label: words.kits },
      ],
      rows: [],
      note: words.stockNote,
    },
  ];
};

/** Every callback wait, whatever it is for (partner answers, closure approvals ...), counted by step. */
function waitsByStep(waiting: WaitingExecution[], words: Words, note: string | undefined): ProgrammeView {
  const steps = new Map<string, { workflow: string; step: string; count: number; overdue: number }>();
  for (const row of waiting) {
    const key = `${row.workflow}\u0000${row.stateName}`;
    const step = steps.get(key) ?? { workflow: row.workflow, step: row.stateName, count: 0, overdue: 0 };
    step.count += 1;
    if (row.overdue) step.overdue += 1;
    steps.set(key, step);
  }
  return {
    id: 'callback-waits',
    title: words.waits,
    count: waiting.length,
    columns: [
      { key: 'step', label: words.step },
      { key: 'workflow', label: words.workflow },
      { key: 'count', label: words.count },
      { key: 'overdue', label: words.overdue },
    ],
    rows: [...steps.values()].sort((a, b) => b.count - a.count),
    ...(note ? { note } : {}),
  };
}

function waitingView(
  id: string,
  title: string,
  rows: WaitingExecution[],
  idKey: string,
  words: Words,
  note: string | undefined,
): ProgrammeView {
  return {
    id,
    title,
    count: rows.length,
    columns: [
      { key: 'id', label: words.id },
      { key: 'workflow', label: words.workflow },
      { key: 'waited', label: words.waited },
      { key: 'overdue', label: words.overdue },
    ],
    rows: rows.map((row) => ({
      id:
        row.identifiers[idKey] ??
        Object.values(row.identifiers)[0] ??
        row.executionArn.split(':').at(-1) ??
        '',
      workflow: row.workflow,
      waited: formatDuration(row.waitedMs),
      overdue: row.overdue ? words.yes : words.no,
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
