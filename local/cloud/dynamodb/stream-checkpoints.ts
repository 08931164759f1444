import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** Where a mapping stands in its stream: the last sequence number handled per shard, or `done`. */
export interface StreamCheckpoint {
  streamArn: string;
  shards: Record<string, string>;
}

/**
 * A mapping's position, kept in a file so a restarted runtime resumes where it was (Lambda keeps
 * a mapping's position the same way): nothing is delivered twice that was handled, nothing skipped.
 */
export function checkpointFile(file?: string) {
  let current: StreamCheckpoint | undefined =
    file && existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as StreamCheckpoint) : undefined;
  const save = () => {
    if (!file || !current) return;
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(`${file}.tmp`, JSON.stringify(current));
    renameSync(`${file}.tmp`, file);
  };
  return {
    /** The position in this stream; undefined when it is new to the mapping (a recreated table starts over). */
    of(streamArn: string): StreamCheckpoint | undefined {
      return current?.streamArn === streamArn ? current : undefined;
    },
    /** Records that the mapping started reading this stream (its starting position is then used up). */
    begin(streamArn: string): void {
      current = { streamArn, shards: {} };
      save();
    },
    advance(streamArn: string, shardId: string, position: string): void {
      if (current?.streamArn !== streamArn) current = { streamArn, shards: {} };
      current.shards[shardId] = position;
      save();
    },
  };
}

export type CheckpointFile = ReturnType<typeof checkpointFile>;
