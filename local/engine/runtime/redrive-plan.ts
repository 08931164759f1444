import type { TaskOutcome } from '../contract.ts';
import type { JournalEntry } from './store/sqlite-store.ts';

/**
 * Which journaled tasks a redrive runs again. A failure that ended its branch (retries exhausted,
 * nothing caught it) is retried, every attempt of it, so its Retry policy starts afresh; a failure
 * a Catch handled stays, because the branch went on from it. A callback still waiting when the
 * execution stopped is sent again. Keys follow the contract: `<branch>/<state>#<visit>[@n]/task`.
 */
export function tasksToRetry(journal: JournalEntry[], events: Array<{ id: number; key: string }>): string[] {
  const outcomes = new Map<string, TaskOutcome>();
  for (const entry of journal)
    if (entry.key.startsWith('task:'))
      outcomes.set(entry.key.slice('task:'.length), JSON.parse(entry.outcome));
  const retry: string[] = [];
  for (const [taskKey, outcome] of outcomes) if (!outcome.ok && !caught(taskKey, events)) retry.push(taskKey);
  for (const entry of journal) {
    const taskKey = entry.key.slice('sent:'.length);
    if (entry.key.startsWith('sent:') && !outcomes.has(taskKey)) retry.push(taskKey);
  }
  return retry;
}

/** The state visit a task key belongs to (`<branch>/<state>#<visit>`), without its attempt number. */
const stateVisitOf = (taskKey: string) => taskKey.replace(/\/task$/, '').replace(/@\d+$/, '');

function caught(taskKey: string, events: Array<{ id: number; key: string }>): boolean {
  const visit = stateVisitOf(taskKey);
  const branch = visit.slice(0, visit.lastIndexOf('/'));
  const ofVisit = (key: string) => key.startsWith(`${visit}/`) || key.startsWith(`${visit}@`);
  let lastOfVisit = 0;
  for (const event of events) if (ofVisit(event.key)) lastOfVisit = Math.max(lastOfVisit, event.id);
  // The branch went on to another state after this one: a Catch took the failure.
  return events.some(
    (event) => event.id > lastOfVisit && event.key.startsWith(`${branch}/`) && !ofVisit(event.key),
  );
}
