import { randomUUID } from 'node:crypto';
import type { ExecutionStatusChangeDetail } from '../../engine/index.ts';
import type { EventRuleModel } from '../model/event-rules.ts';
import { deliverToRules, type RuleTargets } from './rule-delivery.ts';

/** The envelope Step Functions puts around an execution's status change on the default bus. */
export function statusChangeEvent(
  detail: ExecutionStatusChangeDetail,
  options: { region: string; account: string; id?: string; time?: Date },
): Record<string, unknown> {
  return {
    version: '0',
    id: options.id ?? randomUUID(),
    'detail-type': 'Step Functions Execution Status Change',
    source: 'aws.states',
    account: options.account,
    time: (options.time ?? new Date()).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    region: options.region,
    resources: [detail.executionArn],
    detail,
  };
}

/** Sends the engine's status changes to the template's matching EventBridge rules. */
export function statusChangePublisher(options: {
  eventRules: readonly EventRuleModel[];
  region: string;
  account: string;
  targets: RuleTargets;
}): (detail: ExecutionStatusChangeDetail) => void {
  return (detail) =>
    deliverToRules(
      options.eventRules,
      statusChangeEvent(detail, { region: options.region, account: options.account }),
      options.targets,
    );
}
