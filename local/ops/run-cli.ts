import { type ParseArgsConfig, parseArgs } from 'node:util';
import type { SFNClient } from '@aws-sdk/client-sfn';
import { type CommandContext, requireArn, UsageError } from './commands/context.ts';
import { executionsCommand, executionsOptions } from './commands/executions.ts';
import { historyCommand } from './commands/history.ts';
import { machinesCommand } from './commands/machines.ts';
import { overdueCommand } from './commands/overdue.ts';
import { redriveCommand } from './commands/redrive.ts';
import { stopCommand } from './commands/stop.ts';
import { InvalidDurationError } from './duration.ts';
import { InvalidFilterError } from './executions.ts';
import { createSfnClient, resolveSfnTarget } from './sfn-client.ts';

export const USAGE = `Usage: npm run ops -- <command> [options]

Commands:
  machines                                   state machines with execution counts by status
  executions [--status S] [--workflow W] [--since 1h] [--limit N]
                                             executions, newest first
  history <executionArn> [--data]            an execution's event history (--data adds input/output)
  redrive <executionArn> [--wait]            redrive a failed execution; --wait shows progress until it ends
  stop <executionArn> [--error E] [--cause C]
  overdue [--all] [--expect "State name=7d"]  executions waiting at a callback longer than expected

Options for every command:
  --json             machine-readable output
  --endpoint URL     Step Functions endpoint (default: AWS_ENDPOINT_URL_SFN, then .local/endpoints.json, then AWS)
  --help`;

const globalOptions = {
  json: { type: 'boolean', default: false },
  endpoint: { type: 'string' },
  help: { type: 'boolean', default: false },
} as const;

const commandOptions = {
  machines: {},
  executions: executionsOptions,
  history: { data: { type: 'boolean', default: false } },
  redrive: { wait: { type: 'boolean', default: false } },
  stop: { error: { type: 'string' }, cause: { type: 'string' } },
  overdue: {
    all: { type: 'boolean', default: false },
    expect: { type: 'string', multiple: true, default: [] },
  },
} as const satisfies Record<string, ParseArgsConfig['options']>;

type CommandName = keyof typeof commandOptions;

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  status?: (text: string) => void;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  now?: () => Date;
  /** A ready client (tests); otherwise one is built from --endpoint and the environment. */
  client?: SFNClient;
}

/** Parses and runs one ops command; resolves to the process exit code (2 for usage errors). */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === 'help') {
    io.stdout(USAGE);
    return name ? 0 : 2;
  }
  if (!(name in commandOptions)) {
    io.stderr(`Unknown command "${name}".\n\n${USAGE}`);
    return 2;
  }
  const command = name as CommandName;
  try {
    const { values, positionals } = parseArgs({
      args: rest,
      options: { ...globalOptions, ...commandOptions[command] },
      allowPositionals: true,
      strict: true,
    });
    if (values.help) {
      io.stdout(USAGE);
      return 0;
    }
    const target = resolveSfnTarget({ flag: values.endpoint, env: io.env, cwd: io.cwd });
    const context: CommandContext = {
      client: io.client ?? createSfnClient(target, io.env),
      stdout: io.stdout,
      stderr: io.stderr,
      status: io.status ?? (() => {}),
      now: io.now ?? (() => new Date()),
    };
    return await dispatch(command, context, values as Values, positionals);
  } catch (error) {
    if (isUsageError(error)) {
      io.stderr(`${(error as Error).message}\n\n${USAGE}`);
      return 2;
    }
    io.stderr(describeFailure(error));
    return 1;
  }
}

// parseArgs' value types depend on the merged option table; one record type keeps dispatch readable.
type Values = Record<string, string | boolean | string[] | undefined>;

function dispatch(command: CommandName, context: CommandContext, values: Values, positionals: string[]) {
  const json = values.json === true;
  if (command !== 'history' && command !== 'redrive' && command !== 'stop' && positionals.length > 0) {
    throw new UsageError(`${command} takes no arguments, got "${positionals.join(' ')}"`);
  }
  switch (command) {
    case 'machines':
      return machinesCommand(context, { json });
    case 'executions':
      return executionsCommand(context, {
        json,
        status: values.status as string | undefined,
        workflow: values.workflow as string | undefined,
        since: values.since as string | undefined,
        limit: values.limit as string | undefined,
      });
    case 'history':
      return historyCommand(context, requireArn(positionals, command), { json, data: values.data === true });
    case 'redrive':
      return redriveCommand(context, requireArn(positionals, command), { json, wait: values.wait === true });
    case 'stop':
      return stopCommand(context, requireArn(positionals, command), {
        json,
        error: values.error as string | undefined,
        cause: values.cause as string | undefined,
      });
    case 'overdue':
      return overdueCommand(context, { json, all: values.all === true, expect: values.expect as string[] });
  }
}

function isUsageError(error: unknown): boolean {
  return (
    error instanceof UsageError ||
    error instanceof InvalidDurationError ||
    error instanceof InvalidFilterError ||
    (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'))
  );
}

/** SDK errors carry the service's error name (ExecutionDoesNotExist, ...); say that, not a stack. */
function describeFailure(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
