import type { HistoryEvent } from '@aws-sdk/client-sfn';
import { eventDetails } from './history.ts';

export type VisitOutcome = 'succeeded' | 'failed' | 'caught' | 'in-progress' | 'aborted';

/** One entry into a state, reconstructed from the history. */
export interface StateVisit {
  stateName: string;
  /** `Task`, `Choice`, `Parallel`, `Map`, ... from the entered event's type. */
  stateType: string;
  enteredEventId: number;
  enteredAt: Date;
  exitedAt?: Date;
  outcome: VisitOutcome;
  /** Counts redrives: visits after the n-th ExecutionRedriven event have epoch n. */
  epoch: number;
  /** Resource of the last task scheduled in this visit, e.g. `lambda:invoke.waitForTaskToken`. */
  resource?: string;
  failure?: { error?: string; cause?: string; eventType: string };
  timedOut: boolean;
  /** The visit's latest task outcome was a failure (not since retried to success). */
  failedLast?: boolean;
}

const FAILURE = /(Failed|TimedOut)$/;
const EXECUTION_END = new Set([
  'ExecutionFailed',
  'ExecutionTimedOut',
  'ExecutionAborted',
  'ExecutionSucceeded',
]);

function isStateSuccess(type: string): boolean {
  return type.endsWith('Succeeded') && !type.startsWith('Execution');
}

function isStateFailure(type: string): boolean {
  return FAILURE.test(type) && !type.startsWith('Execution');
}

/**
 * Rebuilds state visits from a history. A failure event belongs to the state whose entered event
 * starts its `previousEventId` chain (robust with Parallel and Map, where branches interleave);
 * `ParallelStateFailed`/`MapStateFailed` belong to the open Parallel/Map. A failed visit whose
 * failure event is the `previousEventId` of the next state entered was caught.
 */
export function reconstructVisits(events: HistoryEvent[]): StateVisit[] {
  const byId = new Map<number, HistoryEvent>();
  for (const event of events) if (event.id !== undefined) byId.set(event.id, event);
  const visitByEntered = new Map<number, StateVisit>();
  const failureOwner = new Map<number, StateVisit>();
  const visits: StateVisit[] = [];
  let epoch = 0;

  const openVisits = () => visits.filter((visit) => visit.outcome === 'in-progress');
  const continued = new Map<StateVisit, StateVisit>();
  let redrivenAt: Date | undefined;
  /**
   * A redrive may resume a state without entering it again (its task just completes after
   * ExecutionRedriven). Events for a visit closed in an earlier run open a continuation of it in
   * the current run, so the state's latest outcome is the redriven one.
   */
  const live = (visit: StateVisit | undefined): StateVisit | undefined => {
    if (!visit || visit.outcome === 'in-progress' || visit.epoch === epoch) return visit;
    const existing = continued.get(visit);
    if (existing?.epoch === epoch) return existing;
    const continuation: StateVisit = {
      ...visit,
      enteredAt: redrivenAt ?? visit.enteredAt,
      exitedAt: undefined,
      outcome: 'in-progress',
      epoch,
      failure: undefined,
      timedOut: false,
      failedLast: false,
    };
    visits.push(continuation);
    continued.set(visit, continuation);
    return continuation;
  };
  const ownerOf = (event: HistoryEvent): StateVisit | undefined => {
    const compound = /^(Parallel|Map)State/.exec(event.type ?? '')?.[1];
    if (compound) {
      return (
        openVisits().findLast((visit) => visit.stateType === compound) ??
        live(visits.findLast((visit) => visit.stateType === compound && visit.epoch < epoch))
      );
    }
    let current: HistoryEvent | undefined = event;
    for (let steps = 0; current && steps < 10_000; steps += 1) {
      if (current.type?.endsWith('StateEntered')) return live(visitByEntered.get(current.id!));
      current = current.previousEventId ? byId.get(current.previousEventId) : undefined;
    }
    return openVisits().findLast((visit) => visit.stateType !== 'Parallel' && visit.stateType !== 'Map');
  };

  for (const event of events) {
    const type = event.type ?? '';
    const details = eventDetails(event) ?? {};
    if (type.endsWith('StateEntered')) {
      const visit: StateVisit = {
        stateName: String(details.name ?? ''),
        stateType: type.slice(0, -'StateEntered'.length),
        enteredEventId: event.id!,
        enteredAt: event.timestamp!,
        outcome: type === 'FailStateEntered' ? 'failed' : 'in-progress',
        epoch,
        timedOut: false,
      };
      visits.push(visit);
      visitByEntered.set(event.id!, visit);
      const caughtFrom = event.previousEventId ? failureOwner.get(event.previousEventId) : undefined;
      if (caughtFrom?.outcome === 'in-progress') caughtFrom.outcome = 'caught';
    } else if (type.endsWith('StateExited')) {
      const visit =
        openVisits().findLast((open) => open.stateName === details.name) ??
        live(visits.findLast((earlier) => earlier.stateName === details.name && earlier.epoch < epoch));
      if (visit) {
        // A state left right after its failure was caught (the engine, like AWS for some
        // states, records the exit before the Catch target's entry).
        visit.outcome = visit.failedLast ? 'caught' : 'succeeded';
        visit.exitedAt = event.timestamp;
      }
    } else if (isStateSuccess(type)) {
      const visit = ownerOf(event);
      if (visit) visit.failedLast = false;
    } else if (type === 'TaskScheduled') {
      const visit = ownerOf(event);
      if (visit) visit.resource = [details.resourceType, details.resource].filter(Boolean).join(':');
    } else if (isStateFailure(type)) {
      const visit = ownerOf(event);
      if (visit) {
        visit.failure = {
          error: optionalString(details.error),
          cause: optionalString(details.cause),
          eventType: type,
        };
        visit.timedOut = type.endsWith('TimedOut') || details.error === 'States.Timeout';
        visit.failedLast = true;
        failureOwner.set(event.id!, visit);
      }
    } else if (type === 'ExecutionRedriven') {
      epoch += 1;
      redrivenAt = event.timestamp;
    } else if (EXECUTION_END.has(type)) {
      closeOpenVisits(openVisits(), type, event.timestamp);
    }
  }
  return visits;
}

function closeOpenVisits(open: StateVisit[], endType: string, at: Date | undefined): void {
  for (const visit of open) {
    visit.exitedAt = at;
    if (endType === 'ExecutionSucceeded') visit.outcome = visit.failure ? 'caught' : 'succeeded';
    else if (endType === 'ExecutionTimedOut' || visit.failure) visit.outcome = 'failed';
    else visit.outcome = 'aborted';
  }
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

const PRECEDENCE: VisitOutcome[] = ['failed', 'aborted', 'in-progress', 'caught', 'succeeded'];

export interface StateSummary {
  outcome: VisitOutcome;
  visits: number;
  failure?: StateVisit['failure'];
}

/**
 * One outcome per state: its visits in the latest run (redrive) that reached it, the worst
 * outcome first, so a Map whose one iteration failed shows failed, and a state that failed and
 * was redriven to success shows succeeded.
 */
export function summariseStates(visits: StateVisit[]): Map<string, StateSummary> {
  const latestEpoch = new Map<string, number>();
  for (const visit of visits) {
    latestEpoch.set(visit.stateName, Math.max(latestEpoch.get(visit.stateName) ?? 0, visit.epoch));
  }
  const summaries = new Map<string, StateSummary>();
  for (const visit of visits) {
    if (visit.epoch !== latestEpoch.get(visit.stateName)) continue;
    const current = summaries.get(visit.stateName);
    if (!current) {
      summaries.set(visit.stateName, { outcome: visit.outcome, visits: 1, failure: visit.failure });
      continue;
    }
    current.visits += 1;
    if (PRECEDENCE.indexOf(visit.outcome) < PRECEDENCE.indexOf(current.outcome)) {
      current.outcome = visit.outcome;
      current.failure = visit.failure ?? current.failure;
    }
  }
  return summaries;
}
