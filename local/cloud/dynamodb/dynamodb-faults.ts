import { requestTables } from './request-tables.ts';

/**
 * DynamoDB faults for hardening tests: matching requests from the functions and the engine are
 * answered as a throttled DynamoDB answers them, without reaching DynamoDB Local.
 *
 * - `table`: a substring of the table's name or of its logical id (any table when absent);
 * - `operations`: DynamoDB operation names, e.g. `PutItem` (case-insensitive; any when absent);
 * - `contains`: text the request's JSON body must contain, e.g. `HH#<household id>`, so a test
 *   throttles its own requests and not those of other executions sharing the runtime;
 * - `error`: `ProvisionedThroughputExceededException` (default) or `ThrottlingException`;
 * - `times`: how many requests it answers; then it stays listed with `remaining: 0`, inactive.
 */
export type DynamoDbThrottleError = 'ProvisionedThroughputExceededException' | 'ThrottlingException';

export interface DynamoDbFault {
  kind: 'throttle';
  table?: string;
  operations?: string[];
  contains?: string;
  error?: DynamoDbThrottleError;
  times?: number;
}

/** A fault as listed: how many answers it has left (`null` when unlimited) and has given. */
export interface DynamoDbFaultState extends DynamoDbFault {
  remaining: number | null;
  throttled: number;
}

export interface DynamoDbFaults {
  /** Replaces the faults in force. */
  set(faults: DynamoDbFault[]): void;
  clear(): void;
  list(): DynamoDbFaultState[];
  /** Whether some active fault may match this operation: only then is the body read at all. */
  mayMatch(operation: string): boolean;
  /**
   * The fault answering this request, if any (consumes one of its `times`), with the table it
   * names. The body is parsed only when a fault needs its tables.
   */
  take(operation: string, body: string): { fault: DynamoDbFault; table?: string } | undefined;
}

interface Rule {
  fault: DynamoDbFault;
  operations?: Set<string>;
  remaining: number;
  throttled: number;
}

/**
 * @param logicalIdOf the logical id of a table name, so `table` can name the construct
 *   (`RegistryTable`) as well as the local table name.
 */
function tablesOf(body: string): string[] {
  try {
    return requestTables(JSON.parse(body));
  } catch {
    return []; // Not JSON: DynamoDB Local answers it with its own SerializationException.
  }
}

export function createDynamoDbFaults(
  logicalIdOf: (tableName: string) => string | undefined = () => undefined,
) {
  let rules: Rule[] = [];
  const active = (operation: string) =>
    rules.filter(
      (rule) => rule.remaining > 0 && (!rule.operations || rule.operations.has(operation.toLowerCase())),
    );
  const tableMatches = (wanted: string, tableName: string) => {
    const needle = wanted.toLowerCase();
    // A table ARN names the table after `table/`; the logical id is looked up by name.
    const name = tableName.includes(':table/') ? tableName.slice(tableName.lastIndexOf('/') + 1) : tableName;
    return [name, logicalIdOf(name) ?? ''].some((candidate) => candidate.toLowerCase().includes(needle));
  };
  const faults: DynamoDbFaults = {
    set: (list) => {
      rules = list.map((fault) => ({
        fault,
        ...(fault.operations ? { operations: new Set(fault.operations.map((op) => op.toLowerCase())) } : {}),
        remaining: fault.times ?? Number.POSITIVE_INFINITY,
        throttled: 0,
      }));
    },
    clear: () => {
      rules = [];
    },
    list: () =>
      rules.map((rule) => ({
        ...rule.fault,
        remaining: Number.isFinite(rule.remaining) ? rule.remaining : null,
        throttled: rule.throttled,
      })),
    mayMatch: (operation) => rules.length > 0 && active(operation).length > 0,
    take: (operation, body) => {
      let tables: string[] | undefined;
      const tablesInBody = () => (tables ??= tablesOf(body));
      for (const rule of active(operation)) {
        if (rule.fault.contains !== undefined && !body.includes(rule.fault.contains)) continue;
        const wanted = rule.fault.table;
        const table =
          wanted === undefined
            ? tablesInBody()[0]
            : tablesInBody().find((name) => tableMatches(wanted, name));
        if (wanted !== undefined && table === undefined) continue;
        rule.remaining -= 1;
        rule.throttled += 1;
        return { fault: rule.fault, ...(table !== undefined ? { table } : {}) };
      }
      return undefined;
    },
  };
  return faults;
}
