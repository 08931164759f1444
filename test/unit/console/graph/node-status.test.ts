import { describe, expect, it } from 'vitest';
import { END_ID, START_ID } from '../../../../local/console/graph/asl-graph.ts';
import { nodeStatuses } from '../../../../local/console/graph/node-status.ts';
import { entered, exited, history } from './history-builder.ts';

const statusOf = (statuses: ReturnType<typeof nodeStatuses>) =>
  Object.fromEntries([...statuses].map(([name, status]) => [name, status.status]));

describe('nodeStatuses', () => {
  it('marks the task that failed, with its error and cause, and leaves the rest not reached', () => {
    const events = history(
      ['ExecutionStarted', {}],
      entered('Task', 'Check'),
      ['TaskScheduled', { resourceType: 'lambda', resource: 'invoke' }],
      ['TaskSucceeded', {}],
      exited('Task', 'Check'),
      entered('Task', 'Reserve kits'),
      ['TaskScheduled', { resourceType: 'lambda', resource: 'invoke' }],
      ['TaskFailed', { error: 'StockLedgerUnavailable', cause: 'site SITE-001' }],
      ['ExecutionFailed', { error: 'StockLedgerUnavailable', cause: 'site SITE-001' }],
    );
    const statuses = nodeStatuses(events, 'FAILED');
    expect(statusOf(statuses)).toEqual({
      Check: 'succeeded',
      'Reserve kits': 'failed',
      [START_ID]: 'succeeded',
      [END_ID]: 'not-reached',
    });
    expect(statuses.get('Reserve kits')).toMatchObject({
      error: 'StockLedgerUnavailable',
      cause: 'site SITE-001',
    });
  });

  it('shows a failure handled by Catch as caught, and its handler as succeeded', () => {
    const events = history(
      ['ExecutionStarted', {}],
      entered('Task', 'Reserve kits'),
      ['TaskScheduled', {}],
      ['TaskTimedOut', { error: 'States.Timeout' }],
      entered('Pass', 'Release stock'),
      exited('Pass', 'Release stock'),
      ['ExecutionSucceeded', {}],
    );
    expect(statusOf(nodeStatuses(events, 'SUCCEEDED'))).toMatchObject({
      'Reserve kits': 'caught',
      'Release stock': 'succeeded',
      [END_ID]: 'succeeded',
    });
  });

  it('shows a state exited right after its failure as caught, as the engine records a Catch', () => {
    const events = history(
      ['ExecutionStarted', {}],
      entered('Task', 'Wait for follow-up'),
      ['TaskScheduled', {}],
      ['TaskTimedOut', { error: 'States.HeartbeatTimeout' }],
      exited('Task', 'Wait for follow-up'),
      entered('Pass', 'Send reminder'),
      exited('Pass', 'Send reminder'),
      entered('Task', 'Wait for follow-up'),
    );
    // The latest visit is waiting again; the first one, caught, is in the same run.
    const statuses = nodeStatuses(events, 'RUNNING');
    expect(statusOf(statuses)).toMatchObject({
      'Wait for follow-up': 'in-progress',
      'Send reminder': 'succeeded',
    });
    const firstOnly = nodeStatuses(events.slice(0, 6), 'RUNNING');
    expect(firstOnly.get('Wait for follow-up')).toMatchObject({
      status: 'caught',
      error: 'States.HeartbeatTimeout',
    });
  });

  it('shows a task that failed and then succeeded on retry as succeeded', () => {
    const events = history(
      ['ExecutionStarted', {}],
      entered('Task', 'Reserve kits'),
      ['TaskScheduled', {}],
      ['TaskFailed', { error: 'Throttled' }],
      ['TaskScheduled', {}],
      ['TaskSucceeded', {}],
      exited('Task', 'Reserve kits'),
    );
    expect(nodeStatuses(events, 'RUNNING').get('Reserve kits')?.status).toBe('succeeded');
  });

  it('shows the state the execution is in as in progress', () => {
    const events = history(
      ['ExecutionStarted', {}],
      entered('Task', 'Wait for supervisor review'),
      ['TaskScheduled', { resource: 'invoke.waitForTaskToken', resourceType: 'lambda' }],
      ['TaskSubmitted', {}],
    );
    expect(nodeStatuses(events, 'RUNNING').get('Wait for supervisor review')?.status).toBe('in-progress');
  });

  it('after a redrive, colours states by the latest run: the failed task now succeeded', () => {
    const events = history(
      ['ExecutionStarted', {}],
      entered('Task', 'Check'),
      exited('Task', 'Check'),
      entered('Task', 'Reserve kits'),
      ['TaskFailed', { error: 'StockLedgerUnavailable' }],
      ['ExecutionFailed', { error: 'StockLedgerUnavailable' }],
      ['ExecutionRedriven', { redriveCount: 1 }],
      entered('Task', 'Reserve kits'),
      ['TaskSucceeded', {}],
      exited('Task', 'Reserve kits'),
      ['ExecutionSucceeded', {}],
    );
    expect(statusOf(nodeStatuses(events, 'SUCCEEDED'))).toMatchObject({
      Check: 'succeeded',
      'Reserve kits': 'succeeded',
      [END_ID]: 'succeeded',
    });
  });

  it('after a redrive that resumes the failed task without entering it again, shows it succeeded', () => {
    const events = history(
      ['ExecutionStarted', {}],
      entered('Task', 'Reserve kits'),
      ['TaskScheduled', {}],
      ['TaskFailed', { error: 'StockLedgerUnavailable' }],
      ['ExecutionFailed', { error: 'StockLedgerUnavailable' }],
      ['ExecutionRedriven', { redriveCount: 1 }],
      ['TaskSucceeded', {}],
      exited('Task', 'Reserve kits'),
      entered('Succeed', 'Dispatched'),
      ['ExecutionSucceeded', {}],
    );
    const statuses = nodeStatuses(events, 'SUCCEEDED');
    expect(statusOf(statuses)).toMatchObject({ 'Reserve kits': 'succeeded', Dispatched: 'succeeded' });
    expect(statuses.get('Reserve kits')?.error).toBeUndefined();
  });

  it('after a redrive that fails again in the same task, still shows it failed', () => {
    const events = history(
      ['ExecutionStarted', {}],
      entered('Task', 'Reserve kits'),
      ['TaskFailed', { error: 'First' }],
      ['ExecutionFailed', { error: 'First' }],
      ['ExecutionRedriven', { redriveCount: 1 }],
      ['TaskScheduled', {}],
      ['TaskFailed', { error: 'Second' }],
      ['ExecutionFailed', { error: 'Second' }],
    );
    expect(nodeStatuses(events, 'FAILED').get('Reserve kits')).toMatchObject({
      status: 'failed',
      error: 'Second',
    });
  });

  it('attributes a failure inside one Parallel branch by previousEventId, not by arrival order', () => {
    // Branch events interleave: 3 enters A, 4 enters B, 5 is A's task failing (previous 3).
    const events = history(
      ['ExecutionStarted', {}],
      entered('Parallel', 'Fan out'),
      entered('Task', 'Branch A task', 2),
      entered('Task', 'Branch B task', 2),
      ['TaskFailed', { error: 'Boom' }, 3],
      exited('Task', 'Branch B task', 4),
      ['ParallelStateFailed', { error: 'Boom' }],
      ['ExecutionFailed', { error: 'Boom' }],
    );
    expect(statusOf(nodeStatuses(events, 'FAILED'))).toMatchObject({
      'Fan out': 'failed',
      'Branch A task': 'failed',
      'Branch B task': 'succeeded',
    });
  });

  it('shows a Map state failed when one iteration failed, even if others succeeded', () => {
    const events = history(
      ['ExecutionStarted', {}],
      entered('Map', 'Per site'),
      entered('Pass', 'Record', 2),
      exited('Pass', 'Record', 3),
      entered('Task', 'Record', 2),
      ['TaskFailed', { error: 'Boom' }, 5],
      ['MapStateFailed', {}],
      ['ExecutionFailed', { error: 'Boom' }],
    );
    expect(statusOf(nodeStatuses(events, 'FAILED'))).toMatchObject({
      'Per site': 'failed',
      Record: 'failed',
    });
  });

  it('shows states cut short by StopExecution as cancelled', () => {
    const events = history(['ExecutionStarted', {}], entered('Task', 'Wait for confirmation'), [
      'ExecutionAborted',
      {},
    ]);
    expect(nodeStatuses(events, 'ABORTED').get('Wait for confirmation')?.status).toBe('aborted');
  });

  it('shows a Fail state as failed', () => {
    const events = history(['ExecutionStarted', {}], entered('Fail', 'Dispatch failed'), [
      'ExecutionFailed',
      { error: 'DispatchFailed' },
    ]);
    expect(nodeStatuses(events, 'FAILED').get('Dispatch failed')?.status).toBe('failed');
  });
});
