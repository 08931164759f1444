import { GetExecutionHistoryCommand, type HistoryEvent, type SFNClient } from '@aws-sdk/client-sfn';

/** The whole history of an execution, oldest first, all pages. */
export async function getFullHistory(
  client: SFNClient,
  executionArn: string,
  options: { includeExecutionData?: boolean; maxEvents?: number } = {},
): Promise<HistoryEvent[]> {
  const events: HistoryEvent[] = [];
  const maxEvents = options.maxEvents ?? 25_000;
  let nextToken: string | undefined;
  do {
    const page = await client.send(
      new GetExecutionHistoryCommand({
        executionArn,
        maxResults: 1000,
        nextToken,
        includeExecutionData: options.includeExecutionData ?? false,
      }),
    );
    events.push(...(page.events ?? []));
    nextToken = page.nextToken;
  } while (nextToken && events.length < maxEvents);
  return events.sort((a, b) => (a.id ?? 0) - (b.id ?? 0));
}

/** The details object of an event (`taskFailedEventDetails`, ...), whatever its type. */
export function eventDetails(event: HistoryEvent): Record<string, unknown> | undefined {
  for (const [key, value] of Object.entries(event)) {
    if (key.endsWith('EventDetails') && typeof value === 'object' && value !== null) {
      return value as Record<string, unknown>;
    }
  }
  return undefined;
}

/** Fields of event details that carry workflow data rather than its shape. */
const DATA_FIELDS = new Set(['input', 'output', 'parameters', 'inputDetails', 'outputDetails']);

/**
 * An event without its data fields. Payloads carry identifiers only, but operators see them
 * only on request, and the history table never needs them.
 */
export function withoutData(event: HistoryEvent): HistoryEvent {
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(event)) {
    if (key.endsWith('EventDetails') && typeof value === 'object' && value !== null) {
      copy[key] = Object.fromEntries(Object.entries(value).filter(([field]) => !DATA_FIELDS.has(field)));
    } else {
      copy[key] = value;
    }
  }
  return copy as unknown as HistoryEvent;
}
