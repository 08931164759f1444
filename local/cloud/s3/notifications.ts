import { randomUUID } from 'node:crypto';
import { deliverToRules, type RuleTargets } from '../eventbridge/rule-delivery.ts';
import type { BucketModel, BucketNotification } from '../model/buckets.ts';
import type { EventRuleModel } from '../model/event-rules.ts';
import {
  nextSequencer,
  type StoredObjectEvent,
  s3EventBridgeEvent,
  s3EventRecord,
} from './s3-event-record.ts';

/** Where notifications go: an asynchronous Lambda invocation, or a Step Functions execution. */
export type EventTargets = RuleTargets;

function eventMatches(pattern: string, eventName: string): boolean {
  const name = `s3:${eventName}`;
  return pattern.endsWith(':*') ? name.startsWith(pattern.slice(0, -1)) : name === pattern;
}

function keyMatches(notification: BucketNotification, key: string): boolean {
  return (
    (notification.prefix === undefined || key.startsWith(notification.prefix)) &&
    (notification.suffix === undefined || key.endsWith(notification.suffix))
  );
}

/**
 * Turns each stored object into the deliveries S3 would make: one Lambda event per matching
 * notification configuration, and, for EventBridge-enabled buckets, one event to every
 * matching rule's targets. Each put is delivered exactly once per matching configuration.
 */
export function createNotificationDispatcher(options: {
  buckets: BucketModel[];
  eventRules: EventRuleModel[];
  region: string;
  account: string;
  targets: EventTargets;
}): (event: StoredObjectEvent) => void {
  return (event) => {
    const bucket = options.buckets.find((b) => b.bucketName === event.bucket);
    if (!bucket) return;
    const sequencer = nextSequencer();
    const versionId = bucket.versioned ? sequencer.toLowerCase() : undefined;
    bucket.notifications.forEach((notification, index) => {
      if (!notification.events.some((pattern) => eventMatches(pattern, event.eventName))) return;
      if (!keyMatches(notification, event.key)) return;
      const record = s3EventRecord(event, {
        region: options.region,
        sequencer,
        configurationId: `${bucket.logicalId}-notification-${index}`,
        ...(versionId ? { versionId } : {}),
      });
      options.targets.invokeAsync(notification.functionArn, { Records: [record] });
    });
    if (!bucket.eventBridgeEnabled) return;
    const bridged = s3EventBridgeEvent(event, {
      region: options.region,
      account: options.account,
      sequencer,
      id: randomUUID(),
      ...(versionId ? { versionId } : {}),
    });
    deliverToRules(options.eventRules, bridged, options.targets);
  };
}
