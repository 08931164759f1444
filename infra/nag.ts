import { type App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, HIPAASecurityChecks } from 'cdk-nag';

/**
 * Runs the cdk-nag packs on every synthesis. cdk-nag v3 reports each unacknowledged finding,
 * warning or error, as a violation and marks its report unsuccessful, which makes CDK throw
 * (in-process synthesis: tests) or exit non-zero (`cdk synth`). Acknowledge a finding with
 * `Validations.of(construct).acknowledge({ id, reason })` on the construct it concerns.
 */
export function enforceNag(app: App, options: { hipaa?: boolean } = {}): void {
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { writeSuppressionsToCloudFormation: true }));
  if (options.hipaa ?? true) Validations.of(app).addPlugins(new HIPAASecurityChecks(app));
}
