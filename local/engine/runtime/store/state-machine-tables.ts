import type { Database } from './database.ts';
import type { RevisionRow, StateMachineRow, VersionRow } from './rows.ts';

/** State machines, their definition revisions and published versions, and tags. */
export function stateMachineTables({ sql, read, readAll, committed }: Database) {
  const stateMachineColumns = `arn, name, type, role_arn AS roleArn, revision_id AS revisionId, description,
    logging, tracing, creation_date AS creationDate, last_version AS lastVersion`;
  const insertRevision = (revision: RevisionRow) =>
    sql(
      `INSERT OR IGNORE INTO state_machine_revisions (revision_id, state_machine_arn, definition, role_arn, created)
       VALUES (?, ?, ?, ?, ?)`,
    ).run(
      revision.revisionId,
      revision.stateMachineArn,
      revision.definition,
      revision.roleArn,
      revision.created,
    );

  const stateMachineByArn = `SELECT ${stateMachineColumns} FROM state_machines WHERE arn = ?`;
  // Every start reads its machine: rows are kept, and dropped whenever this store changes one.
  const machines = new Map<string, StateMachineRow | undefined>();

  return {
    // State machines
    insertStateMachine(row: StateMachineRow, revision: RevisionRow) {
      machines.delete(row.arn);
      committed(() => {
        insertRevision(revision);
        sql(
          `INSERT OR REPLACE INTO state_machines (arn, name, type, role_arn, revision_id, description, logging, tracing,
             creation_date, last_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        ).run(
          row.arn,
          row.name,
          row.type,
          row.roleArn,
          row.revisionId,
          row.description,
          row.logging,
          row.tracing,
          row.creationDate,
          row.lastVersion,
        );
      });
    },
    updateStateMachine(row: StateMachineRow, revision: RevisionRow) {
      machines.delete(row.arn);
      committed(() => {
        insertRevision(revision);
        sql(
          `UPDATE state_machines SET role_arn = ?, revision_id = ?, description = ?, logging = ?, tracing = ?,
             last_version = ? WHERE arn = ?`,
        ).run(
          row.roleArn,
          row.revisionId,
          row.description,
          row.logging,
          row.tracing,
          row.lastVersion,
          row.arn,
        );
      });
    },
    getStateMachine(arn: string): Readonly<StateMachineRow> | undefined {
      if (machines.has(arn)) return machines.get(arn);
      const row = read<StateMachineRow>(stateMachineByArn, arn);
      if (row) machines.set(arn, Object.freeze(row));
      return row;
    },
    listStateMachines: (afterArn: string, limit: number) =>
      readAll<StateMachineRow>(
        `SELECT ${stateMachineColumns} FROM state_machines WHERE arn > ? ORDER BY arn LIMIT ?`,
        afterArn,
        limit,
      ),
    deleteStateMachine(arn: string) {
      machines.delete(arn);
      committed(() => {
        sql('DELETE FROM state_machines WHERE arn = ?').run(arn);
        sql('DELETE FROM state_machine_versions WHERE state_machine_arn = ?').run(arn);
        sql('DELETE FROM tags WHERE resource_arn = ?').run(arn);
      });
    },
    getRevision: (revisionId: string) =>
      read<RevisionRow>(
        `SELECT revision_id AS revisionId, state_machine_arn AS stateMachineArn, definition, role_arn AS roleArn,
           created FROM state_machine_revisions WHERE revision_id = ?`,
        revisionId,
      ),
    insertVersion(row: VersionRow) {
      machines.delete(row.stateMachineArn);
      committed(() => {
        sql(
          `INSERT INTO state_machine_versions (arn, state_machine_arn, version, revision_id, description, creation_date)
           VALUES (?, ?, ?, ?, ?, ?)`,
        ).run(row.arn, row.stateMachineArn, row.version, row.revisionId, row.description, row.creationDate);
        sql('UPDATE state_machines SET last_version = ? WHERE arn = ?').run(row.version, row.stateMachineArn);
      });
    },
    getVersion: (arn: string) =>
      read<VersionRow>(
        `SELECT arn, state_machine_arn AS stateMachineArn, version, revision_id AS revisionId, description,
           creation_date AS creationDate FROM state_machine_versions WHERE arn = ?`,
        arn,
      ),

    // Tags
    tags: (resourceArn: string) =>
      readAll<{ key: string; value: string }>(
        'SELECT key, value FROM tags WHERE resource_arn = ? ORDER BY key',
        resourceArn,
      ),
    putTags(resourceArn: string, tags: Array<{ key: string; value: string }>) {
      committed(() => {
        for (const tag of tags)
          sql('INSERT OR REPLACE INTO tags (resource_arn, key, value) VALUES (?, ?, ?)').run(
            resourceArn,
            tag.key,
            tag.value,
          );
      });
    },
    removeTags(resourceArn: string, keys: string[]) {
      committed(() => {
        for (const key of keys)
          sql('DELETE FROM tags WHERE resource_arn = ? AND key = ?').run(resourceArn, key);
      });
    },
  };
}
