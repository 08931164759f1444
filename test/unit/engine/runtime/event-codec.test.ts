import { describe, expect, it } from 'vitest';
import {
  decodeEvent,
  decodeEventKey,
  encodeEvent,
  recentDocuments,
  rememberDocument,
  resolveDocuments,
} from '../../../../local/engine/runtime/store/event-codec.ts';
import type { EventRow } from '../../../../local/engine/runtime/store/rows.ts';

const start = 1_767_225_600_000;
const input = '{"householdId":"h-1","members":3}';
const output = '{"householdId":"h-1","members":3,"source":"intake"}';

const event = (id: number, type: string, details: Record<string, unknown>, previousId = id - 1) => ({
  id,
  key: `/State#1/${id}`,
  type,
  timestamp: start + id * 10,
  details,
  previousId,
});

/** Encodes events as an execution does, then decodes and resolves them as a history page does. */
function roundTrip(events: EventRow<Record<string, unknown>>[], executionInput = input) {
  const recent = recentDocuments();
  rememberDocument(recent, executionInput, 1);
  const lines = events.map((each) => encodeEvent(structuredClone(each), start, recent, each.id === 1));
  const decoded = lines.map((line) => decodeEvent(line, start));
  resolveDocuments(decoded, () => executionInput);
  return { lines, decoded };
}

describe('history event lines', () => {
  it('give back every event as written, field order included, documents written once', () => {
    const events = [
      event(1, 'ExecutionStarted', {
        executionStartedEventDetails: { input, inputDetails: { truncated: false }, roleArn: 'arn:role' },
      }),
      event(2, 'PassStateEntered', {
        stateEnteredEventDetails: { name: 'Prepare', input, inputDetails: { truncated: false } },
      }),
      event(3, 'PassStateExited', {
        stateExitedEventDetails: { name: 'Prepare', output, outputDetails: { truncated: false } },
      }),
      event(4, 'LambdaFunctionScheduled', {
        lambdaFunctionScheduledEventDetails: {
          resource: 'arn:aws:lambda:us-east-1:123456789012:function:f',
          input: output,
          inputDetails: { truncated: false },
          timeoutInSeconds: 30,
        },
      }),
      event(5, 'LambdaFunctionStarted', {}),
      event(6, 'TaskStateExited', {
        stateExitedEventDetails: {
          name: 'Work "quoted"\\',
          output: output,
          outputDetails: { truncated: true },
          assignedVariables: { x: '1' },
        },
      }),
      event(7, 'ExecutionSucceeded', {
        executionSucceededEventDetails: { output, outputDetails: { truncated: false } },
      }),
    ];
    const { lines, decoded } = roundTrip(events);
    expect(JSON.stringify(decoded)).toBe(JSON.stringify(events));
    // The output document is written once; the others refer to it or to the execution input.
    expect(lines.filter((line) => line.includes(output))).toHaveLength(1);
    expect(lines.filter((line) => line.includes('h-1'))).toHaveLength(1);
    expect(lines.every((line) => !line.includes('\n'))).toBe(true);
  });

  it('keeps details of other shapes, unknown types, and documents holding a raw newline, as they are', () => {
    const events = [
      event(1, 'ExecutionStarted', { executionStartedEventDetails: { input, roleArn: 'r' } }),
      event(2, 'SomeFutureEvent', { someFutureEventEventDetails: { input: '{"a":1}' } }),
      event(3, 'PassStateEntered', { unexpected: 1, stateEnteredEventDetails: { name: 'A', input } }),
      event(4, 'PassStateEntered', {
        stateEnteredEventDetails: { name: 'B', input: '{\n"pretty": true\n}', skipped: undefined },
      }),
      event(6, 'MapIterationStarted', { mapIterationStartedEventDetails: { name: 'M', index: 0 } }, 2),
    ];
    const { decoded } = roundTrip(events);
    expect(JSON.parse(JSON.stringify(decoded))).toEqual(JSON.parse(JSON.stringify(events)));
    expect(decoded.map((each) => each.previousId)).toEqual([0, 1, 2, 3, 2]);
  });

  it('refers only to recent documents, so that a page of history reads little more than itself', () => {
    const recent = recentDocuments();
    const first = encodeEvent(
      event(2, 'PassStateExited', { stateExitedEventDetails: { name: 'A', output } }),
      start,
      recent,
    );
    const near = encodeEvent(
      event(40, 'PassStateEntered', { stateEnteredEventDetails: { name: 'B', input: output } }),
      start,
      recent,
    );
    const far = encodeEvent(
      event(200, 'PassStateEntered', { stateEnteredEventDetails: { name: 'C', input: output } }),
      start,
      recent,
    );
    expect(first).toContain(`\t${output}`);
    expect(near).not.toContain(output);
    expect(far).toContain(`\t${output}`);
    expect(decodeEventKey(near)).toEqual({ id: 40, key: '/State#1/40', type: 'PassStateEntered' });
  });
});
