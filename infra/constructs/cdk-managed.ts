import { type Stack, Validations } from 'aws-cdk-lib';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { ONE_ROLE_ONE_POLICY_REASON } from './app-function.ts';

// Construct id CDK gives the singleton function behind Custom::S3BucketNotifications.
const NOTIFICATIONS_HANDLER_ID = 'BucketNotificationsHandler050a0587b7544547bf325f094a3db834';

/**
 * Acknowledges the findings on what CDK itself provides to configure S3 notifications (a
 * function, its role and a policy on that role): we write neither its code nor its role.
 */
export function acknowledgeBucketNotificationsHandler(stack: Stack, bucket: IBucket): void {
  const handler = stack.node.tryFindChild(NOTIFICATIONS_HANDLER_ID);
  if (handler) {
    Validations.of(handler).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      reason:
        'CDK-provided handler of Custom::S3BucketNotifications; its role carries the basic execution managed policy, which only writes its logs.',
    });
  }
  const notifications = bucket.node.tryFindChild('Notifications');
  if (notifications) {
    Validations.of(notifications).acknowledge({
      id: 'HIPAA.Security-IAMNoInlinePolicy',
      reason: `CDK attaches s3:GetBucketNotification/PutBucketNotification on this one bucket to its notifications handler. ${ONE_ROLE_ONE_POLICY_REASON}`,
    });
  }
}
