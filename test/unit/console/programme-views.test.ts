import {
  DescribeExecutionCommand,
  DescribeStateMachineCommand,
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  ListStateMachinesCommand,
  SFNClient,
} from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { deriveProgrammeViews, loadProgrammeViews } from '../../../local/console/programme-views.ts';

const client = new SFNClient({ region: 'us-east-1' });
const sfn = mockClient(client);
afterEach(() => sfn.reset());

const NOW = new Date('2026-11-20T12:00:00Z');
const MACHINE = 'arn:aws:states:us-east-1:123456789012:stateMachine:casework';
const STATES = ['Wait for supervisor review', 'Wait for confirmation', 'Wait for follow-up'];

/** One running execution per callback state, waiting two hours, with the given input. */
function executionsWaitingAt(inputs: Record<string, string>[]) {
  sfn.on(ListStateMachinesCommand).resolves({
    stateMachines: [{ stateMachineArn: MACHINE, name: 'casework', type: 'STANDARD', creationDate: NOW }],
  });
  const executions = inputs.map((_, index) => ({
    executionArn: `${MACHINE.replace(':stateMachine:', ':execution:')}:run-${index}`,
    stateMachineArn: MACHINE,
    name: `run-${index}`,
    status: 'RUNNING' as const,
    startDate: new Date(NOW.getTime() - 7_200_000),
  }));
  sfn.on(ListExecutionsCommand).resolves({ executions });
  sfn.on(DescribeStateMachineCommand).resolves({
    definition: JSON.stringify({
      StartAt: STATES[0],
      States: Object.fromEntries(
        STATES.map((name) => [
          name,
          {
            Type: 'Task',
            Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
            HeartbeatSeconds: 3600,
            End: true,
          },
        ]),
      ),
    }),
  });
  executions.forEach((execution, index) => {
    sfn.on(GetExecutionHistoryCommand, { executionArn: execution.executionArn }).resolves({
      events: [
        { id: 1, type: 'ExecutionStarted', timestamp: execution.startDate },
        {
          id: 2,
          previousEventId: 1,
          type: 'TaskStateEntered',
          timestamp: execution.startDate,
          stateEnteredEventDetails: { name: STATES[index % STATES.length]! },
        },
      ],
    });
    sfn
      .on(DescribeExecutionCommand, { executionArn: execution.executionArn })
      .resolves({ input: JSON.stringify(inputs[index]) });
  });
}

describe('deriveProgrammeViews', () => {
  it('counts executions waiting at each named callback, with identifiers only', async () => {
    executionsWaitingAt([
      { householdId: 'HH-1', fullName: 'never shown' },
      { allocationId: 'AL-1', householdId: 'HH-2' },
      { caseId: 'GBV-7', incident: 'never shown' },
    ]);
    const views = await deriveProgrammeViews({ client, now: NOW, language: 'en' });
    const byId = Object.fromEntries(views.map((view) => [view.id, view]));
    expect(byId['pending-reviews']).toMatchObject({
      count: 1,
      rows: [expect.objectContaining({ id: 'HH-1', overdue: 'yes' })],
    });
    expect(byId['awaiting-confirmation']).toMatchObject({
      count: 1,
      rows: [expect.objectContaining({ id: 'AL-1' })],
    });
    expect(byId['overdue-follow-ups']).toMatchObject({ count: 1, rows: [{ caseId: 'GBV-7' }] });
    expect(byId['stock-by-site']).toMatchObject({ count: 0, rows: [] });
    expect(byId['callback-waits']).toMatchObject({
      count: 3,
      rows: expect.arrayContaining([
        { workflow: 'casework', step: 'Wait for follow-up', count: 1, overdue: 1 },
        { workflow: 'casework', step: 'Wait for confirmation', count: 1, overdue: 1 },
      ]),
    });
    expect(JSON.stringify(views)).not.toContain('never shown');
  });
});

describe('deriveProgrammeViews in French', () => {
  it('titles and labels the views in the operator language', async () => {
    executionsWaitingAt([{ caseId: 'GBV-7' }, { householdId: 'HH-2' }, { caseId: 'GBV-8' }]);
    const views = await deriveProgrammeViews({ client, now: NOW, language: 'fr' });
    expect(views.map((view) => view.title)).toEqual([
      'Revues du superviseur en attente',
      'Allocations en attente de confirmation',
      'Suivis VBG en retard',
      "En attente d'une personne, par étape",
      'Stock par site',
    ]);
    expect(views[0]?.rows[0]).toMatchObject({ id: 'GBV-7', overdue: 'oui' });
  });
});

describe('loadProgrammeViews', () => {
  it('lets a plugged source replace a derived view by id and add new ones', async () => {
    executionsWaitingAt([]);
    const views = await loadProgrammeViews({ client, now: NOW, language: 'en' }, async () => [
      {
        id: 'stock-by-site',
        title: 'Stock by site',
        count: 2,
        columns: [
          { key: 'siteId', label: 'Site' },
          { key: 'kits', label: 'Kits in stock' },
        ],
        rows: [
          { siteId: 'SITE-001', kits: 40 },
          { siteId: 'SITE-002', kits: 3 },
        ],
      },
      { id: 'partners', title: 'Referral partners', count: 0, columns: [], rows: [] },
    ]);
    expect(views.map((view) => view.id)).toEqual([
      'pending-reviews',
      'awaiting-confirmation',
      'overdue-follow-ups',
      'callback-waits',
      'stock-by-site',
      'partners',
    ]);
    expect(views.find((view) => view.id === 'stock-by-site')?.rows).toHaveLength(2);
  });
});
