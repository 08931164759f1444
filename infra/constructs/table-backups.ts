import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import { BackupPlan, BackupResource, BackupVault } from 'aws-cdk-lib/aws-backup';
import { ManagedPolicy, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { PROTECTION_ROLE_PATH } from './app-function.ts';
import type { DataTable } from './data-table.ts';

export interface TableBackupsProps {
  readonly tables: readonly DataTable[];
  readonly vaultKey: IKey;
}

/**
 * AWS Backup of every table (daily, weekly, monthly; monthly kept five years), beyond the 35
 * days point-in-time recovery reaches. The vault is retained with the data.
 */
export class TableBackups extends Construct {
  readonly vault: BackupVault;
  readonly plan: BackupPlan;

  constructor(scope: Construct, id: string, props: TableBackupsProps) {
    super(scope, id);
    this.vault = new BackupVault(this, 'Vault', {
      encryptionKey: props.vaultKey,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // The protection key admits only roles under the protection path, and the backup role has
    // to read the protection table.
    const role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('backup.amazonaws.com'),
      path: PROTECTION_ROLE_PATH,
      managedPolicies: [
        ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSBackupServiceRolePolicyForBackup'),
        ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSBackupServiceRolePolicyForRestores'),
      ],
    });
    for (const policy of ['AWSBackupServiceRolePolicyForBackup', 'AWSBackupServiceRolePolicyForRestores']) {
      Validations.of(role).acknowledge({
        id: `AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/${policy}]`,
        reason: `${policy} is the policy AWS maintains for AWS Backup's service role as backup features change; this role is assumable only by backup.amazonaws.com.`,
      });
    }
    this.plan = BackupPlan.dailyWeeklyMonthly5YearRetention(this, 'Plan', this.vault);
    this.plan.addSelection('Tables', {
      resources: props.tables.map((entry) => BackupResource.fromDynamoDbTable(entry.table)),
      role,
    });
  }
}
