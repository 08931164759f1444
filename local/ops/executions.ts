import {
  type ExecutionListItem,
  type ExecutionStatus,
  ListExecutionsCommand,
  ListStateMachinesCommand,
  type SFNClient,
  type StateMachineListItem,
} from '@aws-sdk/client-sfn';

export const EXECUTION_STATUSES: readonly ExecutionStatus[] = [
  'RUNNING',
  'SUCCEEDED',
  'FAILED',
  'TIMED_OUT',
  'ABORTED',
  'PENDING_REDRIVE',
];

export class InvalidFilterError extends Error {
  readonly field: string;
  constructor(field: string, message: string) {
    super(message);
    this.field = field;
    this.name = 'InvalidFilterError';
  }
}

export function parseStatus(text: string): ExecutionStatus {
  const status = text.toUpperCase().replace(/-/g, '_');
  if (!EXECUTION_STATUSES.includes(status as ExecutionStatus)) {
    throw new InvalidFilterError(
      'status',
      `Unknown status "${text}": one of ${EXECUTION_STATUSES.join(', ')}`,
    );
  }
  return status as ExecutionStatus;
}

/** Every state machine, all pages. */
export async function listAllStateMachines(client: SFNClient): Promise<StateMachineListItem[]> {
  const machines: StateMachineListItem[] = [];
  let nextToken: string | undefined;
  do {
    const page = await client.send(new ListStateMachinesCommand({ nextToken, maxResults: 1000 }));
    machines.push(...(page.stateMachines ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  return machines.sort((a, b) => (a.name ?? '').localeCompare(b.name ?? ''));
}

/** Finds a state machine by name or ARN; undefined when none matches. */
export function findMachine(
  machines: StateMachineListItem[],
  nameOrArn: string,
): StateMachineListItem | undefined {
  return machines.find((machine) => machine.stateMachineArn === nameOrArn || machine.name === nameOrArn);
}

export interface ExecutionFilter {
  status?: ExecutionStatus | undefined;
  /** A state machine name or ARN; all machines when absent. */
  workflow?: string | undefined;
  /** Only executions started at or after this time. */
  since?: Date | undefined;
}

export interface ExecutionRow {
  executionArn: string;
  name: string;
  stateMachineArn: string;
  workflow: string;
  status: string;
  startDate: string;
  stopDate?: string | undefined;
  redriveCount?: number | undefined;
}

export interface ExecutionPage {
  executions: ExecutionRow[];
  /** Opaque; pass back to get the next page. Absent on the last page. */
  nextToken?: string | undefined;
}

/**
 * ListExecutions needs a state machine, so listing across workflows keeps one ListExecutions
 * token per machine inside an opaque cursor. Each page holds up to `pageSize` executions of each
 * machine still listed, newest first; ordering is exact within a machine. Because AWS returns
 * executions newest first, a machine stops being listed once its page reaches `since`.
 */
export async function listExecutionsPage(
  client: SFNClient,
  filter: ExecutionFilter,
  options: { pageSize?: number; nextToken?: string | undefined; machines?: StateMachineListItem[] } = {},
): Promise<ExecutionPage> {
  const pageSize = options.pageSize ?? 25;
  const machines = options.machines ?? (await listAllStateMachines(client));
  const named = filter.workflow ? machines.filter((m) => matchesWorkflow(m, filter.workflow!)) : machines;
  if (filter.workflow && named.length === 0) {
    throw new InvalidFilterError('workflow', `No state machine named "${filter.workflow}"`);
  }
  // ListExecutions refuses Express machines (their executions live in CloudWatch Logs).
  const selected = named.filter((machine) => machine.type !== 'EXPRESS');
  const cursor = options.nextToken ? decodeCursor(options.nextToken) : undefined;
  const next: Record<string, string> = {};
  const rows: ExecutionRow[] = [];
  for (const machine of selected) {
    const arn = machine.stateMachineArn!;
    if (cursor && !(arn in cursor)) continue;
    const page = await client.send(
      new ListExecutionsCommand({
        stateMachineArn: arn,
        statusFilter: filter.status,
        maxResults: pageSize,
        nextToken: cursor?.[arn] || undefined,
      }),
    );
    const items = page.executions ?? [];
    const recent = filter.since ? items.filter((item) => isSince(item, filter.since!)) : items;
    rows.push(...recent.map((item) => toRow(item, machine)));
    const reachedSince = recent.length < items.length;
    if (page.nextToken && !reachedSince) next[arn] = page.nextToken;
  }
  rows.sort((a, b) => b.startDate.localeCompare(a.startDate));
  return { executions: rows, nextToken: Object.keys(next).length > 0 ? encodeCursor(next) : undefined };
}

/** All executions matching the filter, newest first, stopping at `limit`. */
export async function listExecutions(
  client: SFNClient,
  filter: ExecutionFilter,
  limit = 100,
): Promise<{ executions: ExecutionRow[]; truncated: boolean }> {
  const machines = await listAllStateMachines(client);
  const executions: ExecutionRow[] = [];
  let nextToken: string | undefined;
  do {
    const page = await listExecutionsPage(client, filter, { pageSize: 100, nextToken, machines });
    executions.push(...page.executions);
    nextToken = page.nextToken;
  } while (nextToken && executions.length < limit);
  executions.sort((a, b) => b.startDate.localeCompare(a.startDate));
  return {
    executions: executions.slice(0, limit),
    truncated: executions.length > limit || Boolean(nextToken),
  };
}

function matchesWorkflow(machine: StateMachineListItem, workflow: string): boolean {
  return machine.stateMachineArn === workflow || machine.name === workflow;
}

function isSince(item: ExecutionListItem, since: Date): boolean {
  return item.startDate !== undefined && item.startDate.getTime() >= since.getTime();
}

function toRow(item: ExecutionListItem, machine: StateMachineListItem): ExecutionRow {
  return {
    executionArn: item.executionArn!,
    name: item.name!,
    stateMachineArn: item.stateMachineArn ?? machine.stateMachineArn!,
    workflow: machine.name!,
    status: item.status!,
    startDate: item.startDate!.toISOString(),
    stopDate: item.stopDate?.toISOString(),
    redriveCount: item.redriveCount,
  };
}

function encodeCursor(tokens: Record<string, string>): string {
  return Buffer.from(JSON.stringify(tokens)).toString('base64url');
}

function decodeCursor(token: string): Record<string, string> {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
      return parsed as Record<string, string>;
    }
  } catch {
    // fall through to the error below: a token from elsewhere is a caller mistake, not a crash
  }
  throw new InvalidFilterError('nextToken', 'Invalid nextToken');
}
