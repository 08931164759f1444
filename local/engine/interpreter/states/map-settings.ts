import { evaluateDynamicValue } from '../data-flow.ts';
import { runtimeError } from '../errors.ts';
import type { StateVisit } from '../execution-run.ts';
import { evaluateTemplate, type JsonataBindings } from '../jsonata-engine.ts';

/**
 * A Map state's numeric settings (MaxConcurrency, ToleratedFailureCount/Percentage, batch sizes),
 * each given as a literal, a `…Path` (JSONPath) or a JSONata expression, validated as AWS does.
 */

export interface MapSettings {
  maxConcurrency: number;
  toleratedFailureCount: number | undefined;
  toleratedFailurePercentage: number | undefined;
}

type Kind = 'integer' | 'float';

async function readSetting(
  visit: StateVisit,
  field: string,
  kind: Kind,
  input: unknown,
  bindings: JsonataBindings | undefined,
): Promise<number | undefined> {
  const { state } = visit;
  const literal = state[field];
  if (bindings && typeof literal === 'string') {
    const value = await evaluateTemplate(literal, bindings, field);
    return checkKind(visit, `${field}`, value, kind, literal);
  }
  if (literal !== undefined) return checkKind(visit, field, literal, kind, undefined);
  const path = state[`${field}Path`];
  if (typeof path !== 'string') return undefined;
  const value = evaluateDynamicValue(visit, path, input, `${field}Path`);
  return checkKind(visit, `${field}Path`, value, kind, path);
}

function checkKind(
  visit: StateVisit,
  field: string,
  raw: unknown,
  kind: Kind,
  path: string | undefined,
): number {
  // A path may reference a numeric string: AWS parses it.
  const value =
    typeof raw === 'string' && raw.trim() !== '' && !Number.isNaN(Number(raw)) ? Number(raw) : raw;
  const valid = typeof value === 'number' && (kind === 'float' || Number.isInteger(value));
  if (!valid) {
    const shown = typeof raw === 'string' ? raw : JSON.stringify(raw);
    throw runtimeError(
      visit.name,
      visit.enteredEventId,
      `The ${field} field refers to value "${shown}" which is not a valid ${kind}${path ? `: ${path}` : ''}`,
    );
  }
  return value as number;
}

export async function readMapSettings(
  visit: StateVisit,
  input: unknown,
  bindings: JsonataBindings | undefined,
): Promise<MapSettings> {
  const maxConcurrency = (await readSetting(visit, 'MaxConcurrency', 'integer', input, bindings)) ?? 0;
  const toleratedFailureCount = await readSetting(visit, 'ToleratedFailureCount', 'integer', input, bindings);
  if (toleratedFailureCount !== undefined && toleratedFailureCount < 0) {
    throw runtimeError(visit.name, visit.enteredEventId, 'ToleratedFailureCount cannot be negative.');
  }
  const toleratedFailurePercentage = await readSetting(
    visit,
    'ToleratedFailurePercentage',
    'float',
    input,
    bindings,
  );
  if (
    toleratedFailurePercentage !== undefined &&
    (toleratedFailurePercentage < 0 || toleratedFailurePercentage > 100)
  ) {
    throw runtimeError(
      visit.name,
      visit.enteredEventId,
      'ToleratedFailurePercentage must be between 0 and 100.',
    );
  }
  return { maxConcurrency, toleratedFailureCount, toleratedFailurePercentage };
}

/** ItemBatcher's MaxItemsPerBatch / MaxInputBytesPerBatch, literal, path or JSONata. */
export async function readBatcherSetting(
  visit: StateVisit,
  batcher: Record<string, unknown>,
  field: string,
  input: unknown,
  bindings: JsonataBindings | undefined,
): Promise<number | undefined> {
  const literal = batcher[field];
  let value: unknown = literal;
  if (bindings && typeof literal === 'string')
    value = await evaluateTemplate(literal, bindings, `ItemBatcher/${field}`);
  const path = batcher[`${field}Path`];
  if (value === undefined && typeof path === 'string')
    value = evaluateDynamicValue(visit, path, input, `${field}Path`);
  if (value === undefined) return undefined;
  return checkKind(visit, field, value, 'integer', typeof path === 'string' ? path : undefined);
}
