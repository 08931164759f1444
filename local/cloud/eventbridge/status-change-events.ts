import { randomUUID } from 'node:crypto';
import type { ExecutionStatusChangeDetail } from '../../engine/index.ts';
import type { EventRuleModel } from '../model/event-rules.ts';
import { matchesPattern } from '../s3/event-pattern.ts';
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

const epoch = new Date(0);

/**
 * Whether any rule of the template matches a status change: the engine stores and delivers only
 * those (most RUNNING and SUCCEEDED changes match nothing and cost nothing).
 */
export function statusChangeWanted(options: {
  eventRules: readonly EventRuleModel[];
  region: string;
  account: string;
}): (detail: ExecutionStatusChangeDetail) => boolean {
  return (detail) => {
    if (options.eventRules.length === 0) return false;
    // A status change has no id or time worth matching (the template's rules match source, detail
    // type and detail): a fixed pair spares a UUID and a date per change.
    const event = statusChangeEvent(detail, {
      region: options.region,
      account: options.account,
      id: 'status-change-filter',
      time: epoch,
    });
    return options.eventRules.some((rule) => matchesPattern(rule.pattern, event));
  };
}

/**
 * Sends the engine's status changes to the template's matching EventBridge rules. With durable
 * targets, each delivery is stored before this returns.
 */
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

/**
 * The engine's status-change listener, for a publisher that exists only later: the rule targets
 * need the engine's client, yet the engine may hand over changes before (those an earlier run
 * stored). Each call waits until `ready` gives the publisher, then publishes; its promise resolves
 * once the deliveries are enqueued, and rejects if publishing failed, so the engine keeps the
 * event stored until then (and hands it over again at the next start otherwise).
 */
export function deferredStatusChangeListener() {
  const publisher = Promise.withResolvers<(detail: ExecutionStatusChangeDetail) => void>();
  return {
    listener: async (detail: ExecutionStatusChangeDetail): Promise<void> => (await publisher.promise)(detail),
    ready: (publish: (detail: ExecutionStatusChangeDetail) => void): void => publisher.resolve(publish),
  };
}
