/** Names by which route and workflow tables refer to the data stack's resources. */
export type TableName = 'registry' | 'protection' | 'idempotency' | 'audit' | 'config';
export type BucketName = 'uploads' | 'documents' | 'reports';

/** Environment variable each function reads for a table's or bucket's name (shared names, TEAM.md). */
export const TABLE_ENV: Readonly<Record<TableName, string>> = {
  registry: 'REGISTRY_TABLE',
  protection: 'PROTECTION_TABLE',
  idempotency: 'IDEMPOTENCY_TABLE',
  audit: 'AUDIT_TABLE',
  config: 'CONFIG_TABLE',
};
export const BUCKET_ENV: Readonly<Record<BucketName, string>> = {
  uploads: 'UPLOADS_BUCKET',
  documents: 'DOCUMENTS_BUCKET',
  reports: 'REPORTS_BUCKET',
};

export interface BucketUse {
  readonly access: 'read' | 'write' | 'readWrite';
  /** Key prefix the function may touch, e.g. `uploads/`. */
  readonly prefix?: string;
}

/** What a function touches. The service stack turns each entry into a grant and an environment variable. */
export interface FunctionUses {
  /** `append` adds items but never changes or removes one: what the audit table allows anyway. */
  readonly tables?: Partial<Readonly<Record<TableName, 'read' | 'append' | 'readWrite'>>>;
  readonly buckets?: Partial<Readonly<Record<BucketName, BucketUse>>>;
  /** Workflow name (as in infra/workflows.ts) → start executions or answer callbacks. */
  readonly workflows?: Readonly<Record<string, 'start' | 'taskResponse'>>;
}
