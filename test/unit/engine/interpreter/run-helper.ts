import type { ExecutionResult } from '#engine/contract.ts';
import { runExecution } from '#engine/interpreter/index.ts';
import {
  createMemoryEffects,
  type MemoryEffects,
  type MemoryEffectsOptions,
} from '#engine/memory-effects.ts';

/** Runs a definition with in-memory effects and virtual time; returns the result and the effects to inspect. */
export async function execute(
  definition: Record<string, unknown>,
  input: unknown = {},
  options: MemoryEffectsOptions & { effects?: MemoryEffects } = {},
): Promise<{ result: ExecutionResult; effects: MemoryEffects }> {
  const effects = options.effects ?? createMemoryEffects(options);
  const result = await runExecution({
    definition,
    input,
    execution: {
      Id: 'arn:aws:states:eu-west-1:123456789012:execution:unit:run-1',
      Name: 'run-1',
      RoleArn: 'arn:aws:iam::123456789012:role/unit',
      StartTime: new Date(effects.clock()).toISOString(),
      RedriveCount: 0,
      Input: input,
    },
    stateMachine: { Id: 'arn:aws:states:eu-west-1:123456789012:stateMachine:unit', Name: 'unit' },
    effects,
  });
  return { result, effects };
}

/** A counter-based UUID source, so tests can assert on tokens and ids. */
export function sequentialUuids(): () => string {
  let next = 0;
  return () => `00000000-0000-4000-8000-${(++next).toString().padStart(12, '0')}`;
}
