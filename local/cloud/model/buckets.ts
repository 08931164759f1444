import type { Resolver } from '../assembly/intrinsics.ts';
import { resourcesOfType } from './resources.ts';

/** An S3 → Lambda notification: which events, which keys, which function (by ARN). */
export interface BucketNotification {
  events: string[];
  prefix?: string;
  suffix?: string;
  functionArn: string;
}

export interface BucketModel {
  logicalId: string;
  stackName: string;
  bucketName: string;
  versioned: boolean;
  /** Events go to EventBridge too (`EventBridgeConfiguration`), matched against `AWS::Events::Rule`s. */
  eventBridgeEnabled: boolean;
  notifications: BucketNotification[];
}

interface FilterRule {
  Name: string;
  Value: string;
}

function withFilter(
  base: { events: string[]; functionArn: string },
  rules: FilterRule[],
): BucketNotification {
  const notification: BucketNotification = { ...base };
  for (const rule of rules) {
    if (rule.Name.toLowerCase() === 'prefix') notification.prefix = rule.Value;
    if (rule.Name.toLowerCase() === 'suffix') notification.suffix = rule.Value;
  }
  return notification;
}

/** CloudFormation's own shape (`NotificationConfiguration` on the bucket). */
interface CfnNotificationConfiguration {
  LambdaConfigurations?: { Event: string; Function: string; Filter?: { S3Key?: { Rules?: FilterRule[] } } }[];
  EventBridgeConfiguration?: { EventBridgeEnabled?: boolean };
}

/** The S3 API's shape, which CDK's `Custom::S3BucketNotifications` passes through. */
interface ApiNotificationConfiguration {
  LambdaFunctionConfigurations?: {
    Events: string[];
    LambdaFunctionArn: string;
    Filter?: { Key?: { FilterRules?: FilterRule[] } };
  }[];
  EventBridgeConfiguration?: Record<string, unknown>;
}

/** Buckets and their notifications, from the bucket itself and from CDK's notifications custom resource. */
export function deriveBuckets(resolver: Resolver): BucketModel[] {
  const buckets = resourcesOfType(resolver, 'AWS::S3::Bucket').map((found): BucketModel => {
    const config = found.prop<CfnNotificationConfiguration>('NotificationConfiguration') ?? {};
    const versioning = found.prop<{ Status?: string }>('VersioningConfiguration');
    return {
      logicalId: found.logicalId,
      stackName: found.stackName,
      bucketName: resolver.identity(found.stackName, found.logicalId).ref,
      versioned: versioning?.Status === 'Enabled',
      eventBridgeEnabled: config.EventBridgeConfiguration?.EventBridgeEnabled === true,
      notifications: (config.LambdaConfigurations ?? []).map((c) =>
        withFilter({ events: [c.Event], functionArn: c.Function }, c.Filter?.S3Key?.Rules ?? []),
      ),
    };
  });
  for (const custom of resourcesOfType(resolver, 'Custom::S3BucketNotifications')) {
    const bucketName = custom.prop<string>('BucketName');
    const bucket = buckets.find((b) => b.bucketName === bucketName);
    if (!bucket) continue;
    const config = custom.prop<ApiNotificationConfiguration>('NotificationConfiguration') ?? {};
    if (config.EventBridgeConfiguration) bucket.eventBridgeEnabled = true;
    for (const c of config.LambdaFunctionConfigurations ?? []) {
      bucket.notifications.push(
        withFilter({ events: c.Events, functionArn: c.LambdaFunctionArn }, c.Filter?.Key?.FilterRules ?? []),
      );
    }
  }
  return buckets;
}
