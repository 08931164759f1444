/**
 * Tables of the durable engine. Dates are epoch milliseconds; JSON documents are stored as text
 * exactly as the API returns them, so reads never re-serialize.
 */
export const schema = `
CREATE TABLE IF NOT EXISTS state_machines (
  arn TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  type TEXT NOT NULL,
  role_arn TEXT NOT NULL,
  revision_id TEXT NOT NULL,
  description TEXT,
  logging TEXT,
  tracing TEXT,
  creation_date INTEGER NOT NULL,
  last_version INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS state_machine_revisions (
  revision_id TEXT PRIMARY KEY,
  state_machine_arn TEXT NOT NULL,
  definition TEXT NOT NULL,
  role_arn TEXT NOT NULL,
  created INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS state_machine_versions (
  arn TEXT PRIMARY KEY,
  state_machine_arn TEXT NOT NULL,
  version INTEGER NOT NULL,
  revision_id TEXT NOT NULL,
  description TEXT,
  creation_date INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS executions (
  id INTEGER PRIMARY KEY,
  arn TEXT NOT NULL UNIQUE,
  state_machine_arn TEXT NOT NULL,
  version_arn TEXT,
  revision_id TEXT NOT NULL,
  name TEXT NOT NULL,
  status TEXT NOT NULL,
  input TEXT NOT NULL,
  output TEXT,
  error TEXT,
  cause TEXT,
  start_date INTEGER NOT NULL,
  stop_date INTEGER,
  redrive_count INTEGER NOT NULL DEFAULT 0,
  redrive_date INTEGER,
  parent_arn TEXT,
  -- 1: the log holds the journal only and history is rebuilt by replaying it (history-replay.ts).
  history_by_replay INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS executions_by_machine ON executions (state_machine_arn, start_date DESC, arn);
CREATE INDEX IF NOT EXISTS executions_by_status ON executions (state_machine_arn, status, start_date DESC, arn);
CREATE INDEX IF NOT EXISTS executions_running ON executions (status) WHERE status = 'RUNNING';
-- Per-execution tables key on the integer id: appends land at the end of the B-tree (ARNs are random).
-- The log of each execution: its history events and its journal of effect outcomes, in chunks:
-- the lines one execution wrote during one turn of the event loop (see chunk-buffer.ts). One row
-- per execution and commit instead of one per event keeps writes cheap; rowid order keeps appends
-- at the right edge of the B-tree however many executions interleave. Event lines (event-codec.ts)
-- start with their id, \`[7,…\`; journal lines are \`[key, outcome]\` (or \`[key]\` to forget an entry,
-- when a redrive retries it), and only a replay reads them, whole and in order, later lines winning.
-- first_id and last_id span the chunk's events (0 when it has only journal lines). Lines are
-- UTF-8 bytes, as chunk-buffer.ts writes them.
CREATE TABLE IF NOT EXISTS log_chunks (
  execution_id INTEGER NOT NULL,
  first_id INTEGER NOT NULL,
  last_id INTEGER NOT NULL,
  lines BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS log_chunks_by_execution ON log_chunks (execution_id, first_id);
CREATE TABLE IF NOT EXISTS tokens (
  token TEXT PRIMARY KEY,
  execution_id INTEGER NOT NULL,
  key TEXT NOT NULL,
  status TEXT NOT NULL,
  heartbeat_seconds INTEGER,
  heartbeat_deadline INTEGER
);
CREATE INDEX IF NOT EXISTS tokens_by_task ON tokens (execution_id, key);
CREATE TABLE IF NOT EXISTS timers (
  execution_id INTEGER NOT NULL,
  key TEXT NOT NULL,
  wake_at INTEGER NOT NULL,
  PRIMARY KEY (execution_id, key)
) WITHOUT ROWID;
-- Status-change events not yet taken by their listener (outbox.ts): written in the commit that
-- makes the change, deleted once the listener has taken the event, delivered again after a restart.
CREATE TABLE IF NOT EXISTS status_events (
  id INTEGER PRIMARY KEY,
  detail TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS tags (
  resource_arn TEXT NOT NULL,
  key TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (resource_arn, key)
) WITHOUT ROWID;
`;
