import { parseDuration } from '../duration.ts';
import { formatWaiting } from '../format.ts';
import { findWaitingExecutions } from '../waiting.ts';
import { type CommandContext, printJson, UsageError } from './context.ts';

/** Matches the GBV workflow's follow-up visits, whatever the exact state name. */
const FOLLOW_UP = /follow[- ]?up/i;

export async function overdueCommand(
  context: CommandContext,
  args: { json: boolean; all: boolean; expect: string[] },
): Promise<number> {
  const { waiting, truncated } = await findWaitingExecutions(context.client, {
    now: context.now(),
    expectedMs: parseExpectations(args.expect),
  });
  const shown = args.all ? waiting : waiting.filter((row) => row.overdue);
  const followUps = shown.filter((row) => row.overdue && FOLLOW_UP.test(row.stateName));
  const caseIds = [...new Set(followUps.map((row) => row.identifiers.caseId).filter(Boolean))];
  if (args.json) {
    printJson(context, {
      overdue: shown,
      gbvFollowUpsOverdue: { count: followUps.length, caseIds },
      truncated,
    });
    return 0;
  }
  context.stdout(shown.length === 0 ? 'Nothing overdue.' : formatWaiting(shown));
  context.stdout(
    `GBV follow-ups overdue: ${followUps.length}${caseIds.length > 0 ? ` (cases ${caseIds.join(', ')})` : ''}`,
  );
  if (truncated) context.stderr('Only the newest running executions were examined.');
  return 0;
}

/** `--expect "Wait for follow-up=7d"`, repeatable. */
export function parseExpectations(values: string[]): Record<string, number> {
  const expectations: Record<string, number> = {};
  for (const value of values) {
    const separator = value.lastIndexOf('=');
    if (separator <= 0) throw new UsageError(`--expect takes "<state name>=<duration>", got "${value}"`);
    expectations[value.slice(0, separator)] = parseDuration(value.slice(separator + 1));
  }
  return expectations;
}
