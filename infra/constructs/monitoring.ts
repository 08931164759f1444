import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type { IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  Alarm,
  AlarmStatusWidget,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  type IMetric,
  MathExpression,
  Metric,
  Stats,
  TextWidget,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { type ITable, Operation } from 'aws-cdk-lib/aws-dynamodb';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { type IKey, Key } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';

/**
 * Programme figures the functions publish with Powertools metrics (EMF), in the namespace the
 * AppFunction construct sets. Dimensions are sites and outcomes, never a person or a case.
 */
export const PROGRAMME_METRICS = {
  namespace: 'Casework',
  /** Kits left at a site after a reservation or a restock; dimension `site`. */
  kitsInStock: 'KitsInStock',
  /** 1 each time a site's stock falls below its threshold; dimension `site`. */
  stockLow: 'StockLow',
  /** GBV follow-up visits past due (a follow-up callback's heartbeat lapsed). */
  followUpsOverdue: 'FollowUpsOverdue',
} as const;

export interface MonitoringProps {
  readonly workflows: ReadonlyArray<{ readonly name: string; readonly stateMachine: IStateMachine }>;
  readonly functions: ReadonlyArray<{ readonly name: string; readonly fn: IFunction }>;
  readonly api?: IHttpApi;
  readonly tables?: ReadonlyArray<{ readonly name: string; readonly table: ITable }>;
  readonly deadLetterQueues?: ReadonlyArray<{ readonly name: string; readonly queue: IQueue }>;
  /** Who gets the alarms; subscribe more endpoints to `topic` as needed. */
  readonly alarmEmail?: string;
  /** Key for the alarm topic; one is created (with rotation) when absent. */
  readonly topicKey?: IKey;
  readonly dashboardName?: string;
}

const FIVE_MINUTES = Duration.minutes(5);

/**
 * The operators' view on AWS: one CloudWatch dashboard (workflow executions, Lambda errors,
 * throttles and durations, API errors and latency, DynamoDB throttles, stock by site, overdue
 * follow-ups) and alarms to one encrypted SNS topic for failed or timed-out executions, Lambda
 * errors, API 5xx, messages in dead-letter queues, and overdue follow-ups. Locally the operator
 * console and `npm run ops` cover the same ground.
 */
export class Monitoring extends Construct {
  readonly topic: Topic;
  readonly dashboard: Dashboard;
  readonly alarms: Alarm[] = [];

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    const key = props.topicKey ?? this.createTopicKey();
    this.topic = new Topic(this, 'Alarms', {
      masterKey: key,
      enforceSSL: true,
      displayName: 'Casework alarms',
    });
    if (props.alarmEmail) this.topic.addSubscription(new EmailSubscription(props.alarmEmail));

    for (const { name, stateMachine } of props.workflows) {
      this.alarm(`${name}-failed`, stateMachine.metricFailed({ period: FIVE_MINUTES }), {
        description: `Executions of ${name} failed. Open the operator console or run: npm run ops -- executions --status FAILED --workflow ${name}`,
      });
      this.alarm(`${name}-timed-out`, stateMachine.metricTimedOut({ period: FIVE_MINUTES }), {
        description: `Executions of ${name} timed out.`,
      });
    }
    for (const { name, fn } of props.functions) {
      this.alarm(`${name}-errors`, fn.metricErrors({ period: FIVE_MINUTES }), {
        description: `The ${name} function returned errors.`,
      });
    }
    if (props.api) {
      this.alarm('api-5xx', props.api.metricServerError({ period: FIVE_MINUTES }), {
        description: 'The HTTP API answered with 5xx.',
      });
    }
    for (const { name, queue } of props.deadLetterQueues ?? []) {
      this.alarm(
        `${name}-dead-letters`,
        queue.metricApproximateNumberOfMessagesVisible({ period: FIVE_MINUTES, statistic: Stats.MAXIMUM }),
        { description: `Events for ${name} failed every retry and wait in its dead-letter queue.` },
      );
    }
    this.alarm('follow-ups-overdue', programmeMetric(PROGRAMME_METRICS.followUpsOverdue, Stats.MAXIMUM), {
      description: 'GBV follow-up visits are overdue. Run: npm run ops -- overdue',
    });

    this.dashboard = new Dashboard(this, 'Dashboard', {
      ...(props.dashboardName ? { dashboardName: props.dashboardName } : {}),
      defaultInterval: Duration.days(1),
    });
    this.addWidgets(props);
  }

  private alarm(id: string, metric: IMetric, options: { description: string }): void {
    const alarm = new Alarm(this, `Alarm-${id}`, {
      metric,
      alarmDescription: options.description,
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      // No data means nothing failed: the metrics are only published when something happens.
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(new SnsAction(this.topic));
    alarm.addOkAction(new SnsAction(this.topic));
    this.alarms.push(alarm);
  }

  private addWidgets(props: MonitoringProps): void {
    const workflowGraph = (title: string, pick: (machine: IStateMachine) => IMetric) =>
      new GraphWidget({
        title,
        width: 6,
        left: props.workflows.map(({ name, stateMachine }) => withLabel(pick(stateMachine), name)),
      });
    const functionGraph = (title: string, pick: (fn: IFunction) => IMetric) =>
      new GraphWidget({
        title,
        width: 8,
        left: props.functions.map(({ name, fn }) => withLabel(pick(fn), name)),
      });
    this.dashboard.addWidgets(
      new TextWidget({
        markdown:
          '# Casework operations\nExecutions carry identifiers only. To repair a failure: the operator console, or `npm run ops -- redrive <executionArn>`.',
        width: 24,
        height: 2,
      }),
    );
    this.dashboard.addWidgets(
      workflowGraph('Executions started', (machine) => machine.metricStarted({ period: FIVE_MINUTES })),
      workflowGraph('Executions succeeded', (machine) => machine.metricSucceeded({ period: FIVE_MINUTES })),
      workflowGraph('Executions failed', (machine) => machine.metricFailed({ period: FIVE_MINUTES })),
      workflowGraph('Executions timed out', (machine) => machine.metricTimedOut({ period: FIVE_MINUTES })),
    );
    this.dashboard.addWidgets(
      functionGraph('Lambda errors', (fn) => fn.metricErrors({ period: FIVE_MINUTES })),
      functionGraph('Lambda throttles', (fn) => fn.metricThrottles({ period: FIVE_MINUTES })),
      functionGraph('Lambda duration p95', (fn) =>
        fn.metricDuration({ period: FIVE_MINUTES, statistic: Stats.p(95) }),
      ),
    );
    const api = props.api;
    if (api) {
      this.dashboard.addWidgets(
        new GraphWidget({
          title: 'API errors',
          width: 12,
          left: [
            withLabel(api.metricClientError({ period: FIVE_MINUTES }), '4xx'),
            withLabel(api.metricServerError({ period: FIVE_MINUTES }), '5xx'),
          ],
        }),
        new GraphWidget({
          title: 'API latency',
          width: 12,
          left: [
            withLabel(api.metricLatency({ period: FIVE_MINUTES, statistic: Stats.p(50) }), 'p50'),
            withLabel(api.metricLatency({ period: FIVE_MINUTES, statistic: Stats.p(95) }), 'p95'),
          ],
        }),
      );
    }
    this.dashboard.addWidgets(
      // One graph per table: each table's throttle expression names its metrics by operation
      // ('getitem', …), and two such expressions cannot share a graph.
      ...(props.tables ?? []).map(
        ({ name, table }) =>
          new GraphWidget({
            title: `DynamoDB throttled requests: ${name}`,
            width: 8,
            left: [
              withLabel(
                table.metricThrottledRequestsForOperations({
                  operations: [
                    Operation.GET_ITEM,
                    Operation.QUERY,
                    Operation.PUT_ITEM,
                    Operation.UPDATE_ITEM,
                    Operation.TRANSACT_WRITE_ITEMS,
                  ],
                  period: FIVE_MINUTES,
                }),
                name,
              ),
            ],
          }),
      ),
      new GraphWidget({
        title: 'Kits in stock by site (lowest)',
        width: 8,
        // One line per site, whatever sites exist: sites are data, not infrastructure.
        left: [
          new MathExpression({
            expression: `SEARCH('{${PROGRAMME_METRICS.namespace},site} MetricName="${PROGRAMME_METRICS.kitsInStock}"', 'Minimum', 3600)`,
            label: '',
            period: Duration.hours(1),
          }),
        ],
        right: [
          new MathExpression({
            expression: `SEARCH('{${PROGRAMME_METRICS.namespace},site} MetricName="${PROGRAMME_METRICS.stockLow}"', 'Sum', 3600)`,
            label: 'stock low',
            period: Duration.hours(1),
          }),
        ],
      }),
      new GraphWidget({
        title: 'GBV follow-ups overdue',
        width: 8,
        left: [programmeMetric(PROGRAMME_METRICS.followUpsOverdue, Stats.MAXIMUM)],
      }),
    );
    this.dashboard.addWidgets(new AlarmStatusWidget({ title: 'Alarms', alarms: this.alarms, width: 24 }));
  }

  /** CloudWatch must be able to publish to the encrypted topic, so the key lets it. */
  private createTopicKey(): Key {
    const key = new Key(this, 'AlarmsKey', {
      description: 'Casework alarm topic',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    key.grant(new ServicePrincipal('cloudwatch.amazonaws.com'), 'kms:Decrypt', 'kms:GenerateDataKey*');
    return key;
  }
}

function programmeMetric(metricName: string, statistic: string): Metric {
  return new Metric({
    namespace: PROGRAMME_METRICS.namespace,
    metricName,
    statistic,
    period: Duration.hours(1),
  });
}

function withLabel(metric: IMetric, label: string): IMetric {
  return metric instanceof Metric ? metric.with({ label }) : metric;
}
