import type { EventRuleModel } from '../model/event-rules.ts';
import { matchesPattern } from '../s3/event-pattern.ts';

/** Where EventBridge sends what a rule matched: an asynchronous Lambda invocation, or an execution. */
export interface RuleTargets {
  invokeAsync(functionArn: string, event: unknown): void;
  startExecution(stateMachineArn: string, input: unknown): void;
  log(message: string): void;
}

function selectPath(event: unknown, path: string): unknown {
  let value = event;
  for (const part of path
    .replace(/^\$\.?/, '')
    .split('.')
    .filter(Boolean)) {
    value = (value as Record<string, unknown> | undefined)?.[part];
  }
  return value;
}

/**
 * Delivers one event on the default bus as EventBridge would: to every target of every rule
 * whose pattern matches, with the target's constant input or input path applied.
 */
export function deliverToRules(
  rules: readonly EventRuleModel[],
  event: Record<string, unknown>,
  targets: RuleTargets,
): void {
  for (const rule of rules) {
    if (!matchesPattern(rule.pattern, event)) continue;
    for (const target of rule.targets) {
      const input =
        target.input !== undefined
          ? JSON.parse(target.input)
          : target.inputPath
            ? selectPath(event, target.inputPath)
            : event;
      if (target.arn.includes(':states:')) targets.startExecution(target.arn, input);
      else if (target.arn.includes(':lambda:')) targets.invokeAsync(target.arn, input);
      else targets.log(`EventBridge target ${target.arn} of rule ${rule.logicalId} is not run locally`);
    }
  }
}
