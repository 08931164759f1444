import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Finding, isPersonalField, lintDefinition } from './asl-lint.ts';

const workflowsDir = new URL('../../../workflows/', import.meta.url).pathname;
const files = readdirSync(workflowsDir).filter((file) => file.endsWith('.asl.json'));

const task = (extra: Record<string, unknown> = {}) => ({
  Type: 'Task',
  Resource: 'arn:aws:states:::lambda:invoke',
  Arguments: { FunctionName: 'f', Payload: { householdId: '{% $householdId %}' } },
  TimeoutSeconds: 10,
  Retry: [{ ErrorEquals: ['States.ALL'], JitterStrategy: 'FULL' }],
  Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Failed' }],
  End: true,
  ...extra,
});
const machine = (state: Record<string, unknown>) => ({
  QueryLanguage: 'JSONata',
  StartAt: 'Step',
  States: { Step: state, Failed: { Type: 'Fail' } },
});
const rules = (findings: Finding[]) => findings.map((finding) => finding.rule);

describe('workflow lint', () => {
  it('finds the workflow definitions', () => {
    expect(files).toContain('intake.asl.json');
  });

  for (const file of files) {
    it(`${file} follows the workflow rules`, () => {
      const definition = JSON.parse(readFileSync(join(workflowsDir, file), 'utf8'));
      expect(lintDefinition(definition)).toEqual([]);
    });
  }
});

describe('lintDefinition', () => {
  it('accepts a task that follows every rule', () => {
    expect(lintDefinition(machine(task()))).toEqual([]);
  });

  it('requires JSONata at the top level', () => {
    expect(rules(lintDefinition({ ...machine(task()), QueryLanguage: 'JSONPath' }))).toEqual([
      'QueryLanguage must be JSONata',
    ]);
  });

  it('requires Retry with full jitter and a timeout on every Task, and no Catch', () => {
    expect(rules(lintDefinition(machine(task({ Retry: undefined }))))).toEqual(['Task without Retry']);
    expect(rules(lintDefinition(machine(task({ Retry: [{ ErrorEquals: ['States.ALL'] }] }))))).toEqual([
      'Retry without JitterStrategy FULL',
    ]);
    expect(rules(lintDefinition(machine(task({ TimeoutSeconds: undefined }))))).toEqual([
      'Task without TimeoutSeconds',
    ]);
    // Uncaught, the execution fails at the step and a redrive re-runs it.
    expect(rules(lintDefinition(machine(task({ Catch: undefined }))))).toEqual([]);
  });

  it('refuses a Catch that leads nowhere', () => {
    const findings = lintDefinition(
      machine(task({ Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Nowhere' }] })),
    );
    expect(rules(findings)).toEqual(['Catch goes to a missing state: Nowhere']);
  });

  it('requires a heartbeat on callbacks', () => {
    const callback = task({ Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken' });
    expect(rules(lintDefinition(machine(callback)))).toEqual(['Callback without HeartbeatSeconds']);
    expect(lintDefinition(machine({ ...callback, HeartbeatSeconds: 60, TimeoutSeconds: 120 }))).toEqual([]);
  });

  it('refuses personal fields in payloads, as keys or read in expressions', () => {
    const byKey = task({ Arguments: { FunctionName: 'f', Payload: { givenName: 'x' } } });
    expect(rules(lintDefinition(machine(byKey)))).toEqual(['Arguments carries a personal field: givenName']);
    const byExpression = task({ Output: { head: '{% $states.result.Payload.headOfHousehold.phone %}' } });
    expect(rules(lintDefinition(machine(byExpression)))).toEqual([
      'Output reads a personal field: headOfHousehold',
      'Output reads a personal field: phone',
    ]);
  });

  it('walks Parallel branches and Map processors', () => {
    const nested = {
      Type: 'Parallel',
      Branches: [{ StartAt: 'Inner', States: { Inner: task({ Retry: undefined, Catch: undefined }) } }],
      End: true,
    };
    expect(rules(lintDefinition(machine(nested)))).toEqual(['Task without Retry']);
  });

  it('tells AWS names from personal ones', () => {
    expect(isPersonalField('Name')).toBe(false);
    expect(isPersonalField('TableName')).toBe(false);
    expect(isPersonalField('name')).toBe(true);
    expect(isPersonalField('familyName')).toBe(true);
    expect(isPersonalField('birthYear')).toBe(true);
  });
});
