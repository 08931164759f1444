import type { HistoryEvent } from '@aws-sdk/client-sfn';

/**
 * Builds a history as the Step Functions API returns it: ids from 1, one second apart,
 * `previousEventId` the previous event unless given (for interleaved Parallel branches).
 */
export function history(
  ...specs: Array<[type: string, details?: Record<string, unknown>, previousEventId?: number]>
): HistoryEvent[] {
  const start = Date.parse('2026-11-20T10:00:00Z');
  return specs.map(([type, details, previousEventId], index) => {
    const event: Record<string, unknown> = {
      id: index + 1,
      previousEventId: previousEventId ?? index,
      type,
      timestamp: new Date(start + index * 1000),
    };
    if (details) event[detailsKey(type)] = details;
    return event as unknown as HistoryEvent;
  });
}

function detailsKey(type: string): string {
  if (type.endsWith('StateEntered')) return 'stateEnteredEventDetails';
  if (type.endsWith('StateExited')) return 'stateExitedEventDetails';
  return `${type.charAt(0).toLowerCase()}${type.slice(1)}EventDetails`;
}

export const entered = (type: string, name: string, previous?: number) =>
  [`${type}StateEntered`, { name }, previous] as [string, Record<string, unknown>, number | undefined];
export const exited = (type: string, name: string, previous?: number) =>
  [`${type}StateExited`, { name }, previous] as [string, Record<string, unknown>, number | undefined];
