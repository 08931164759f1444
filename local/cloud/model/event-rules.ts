import type { Resolver } from '../assembly/intrinsics.ts';
import { resourcesOfType } from './resources.ts';

export interface EventRuleTarget {
  id: string;
  arn: string;
  /** Constant input (`Input`, a JSON string) replaces the event; `InputPath` selects part of it. */
  input?: string;
  inputPath?: string;
}

export interface EventRuleModel {
  logicalId: string;
  stackName: string;
  pattern: Record<string, unknown>;
  targets: EventRuleTarget[];
}

/** Enabled EventBridge rules with an event pattern (schedules are not run locally). */
export function deriveEventRules(resolver: Resolver): EventRuleModel[] {
  return resourcesOfType(resolver, 'AWS::Events::Rule')
    .filter((found) => found.prop('EventPattern') !== undefined && found.prop('State') !== 'DISABLED')
    .map((found) => ({
      logicalId: found.logicalId,
      stackName: found.stackName,
      pattern: found.prop<Record<string, unknown>>('EventPattern')!,
      targets: (
        found.prop<{ Id: string; Arn: string; Input?: string; InputPath?: string }[]>('Targets') ?? []
      ).map((t) => {
        const target: EventRuleTarget = { id: t.Id, arn: t.Arn };
        if (t.Input !== undefined) target.input = t.Input;
        if (t.InputPath !== undefined) target.inputPath = t.InputPath;
        return target;
      }),
    }));
}
