import { describe, expect, it } from 'vitest';
import { runCli } from '../../../local/ops/run-cli.ts';
import { aHouseholdCommand } from '../../fixtures/domain/commands.ts';
import { eventually, tokenFor } from '../cloud/cloud-clients.ts';
import { appCloud, intakeApi, settledHousehold } from '../intake/intake-api.ts';

/**
 * The console and the CLI on the real app (`npm start`'s local cloud): a household the rules
 * cannot decide waits at the intake workflow's "Wait for supervisor review"; operators see it
 * as a pending review by household id, and nowhere its head of household's name or phone.
 */
const app = appCloud();
const api = intakeApi(app, 'it-console');
const CANARY = { givenName: 'Zeinabou', familyName: 'Canarydiarra', phone: '+223 79 99 99 99' };

describe('operator console and CLI on the local cloud', () => {
  it('list a pending supervisor review by household id, never by name', async () => {
    const command = aHouseholdCommand();
    const accepted = await api.call<{ householdId: string; executionArn: string }>('POST', '/households', {
      role: 'intake',
      body: {
        ...command,
        headOfHousehold: { ...command.headOfHousehold, ...CANARY },
        location: { ...command.location, site: 'SITE-IT-CONSOLE' },
        // No food-security indicator: the rule set asks a supervisor.
        foodSecurity: {},
      },
    });
    expect(accepted.status).toBe(202);
    const { householdId, executionArn } = accepted.body;
    expect((await settledHousehold(api, householdId)).household.status).toBe('PENDING_REVIEW');

    const operator = await tokenFor(app.dataDir, { role: 'operator', username: 'it-console-operator' });
    const consoleApi = async (path: string) => {
      const response = await fetch(`${app.endpoints.console}/api${path}`, {
        headers: { authorization: `Bearer ${operator}` },
      });
      expect(response.status, path).toBe(200);
      return response.text();
    };
    const reviews = await eventually(async () => {
      const { views } = JSON.parse(await consoleApi('/programme')) as {
        views: Array<{ id: string; rows: Array<{ id: string; executionArn: string }> }>;
      };
      return views.find((view) => view.id === 'pending-reviews')?.rows.find((row) => row.id === householdId);
    }, 20_000);
    expect(reviews.executionArn).toBe(executionArn);

    // The execution as operators see it, with and without its data: identifiers only.
    for (const text of [
      await consoleApi(`/execution?arn=${encodeURIComponent(executionArn)}`),
      await consoleApi(`/execution?arn=${encodeURIComponent(executionArn)}&data=1`),
    ]) {
      expect(text).toContain('Wait for supervisor review');
      for (const secret of Object.values(CANARY)) expect(text).not.toContain(secret);
    }

    const stdout: string[] = [];
    const code = await runCli(['overdue', '--all', '--json', '--endpoint', app.endpoints.stepfunctions], {
      stdout: (line) => stdout.push(line),
      stderr: () => {},
      env: {},
    });
    expect(code).toBe(0);
    const waiting = JSON.parse(stdout.join('\n')).overdue as Array<{
      executionArn: string;
      stateName: string;
    }>;
    expect(waiting).toContainEqual(
      expect.objectContaining({ executionArn, stateName: 'Wait for supervisor review', overdue: false }),
    );
    expect(stdout.join('\n')).not.toContain(CANARY.familyName);
  });
});
