/**
 * The DynamoDB Streams API of DynamoDB Local (same endpoint, AWS JSON 1.0), called directly: the
 * runtime needs four operations and no SDK client for them is installed. DynamoDB Local accepts
 * any credentials, so the signature is a placeholder.
 */
export interface StreamRecord {
  eventID: string;
  eventName: 'INSERT' | 'MODIFY' | 'REMOVE';
  eventVersion: string;
  eventSource: string;
  awsRegion: string;
  dynamodb: {
    ApproximateCreationDateTime?: number;
    Keys?: Record<string, unknown>;
    NewImage?: Record<string, unknown>;
    OldImage?: Record<string, unknown>;
    SequenceNumber: string;
    SizeBytes?: number;
    StreamViewType?: string;
  };
  userIdentity?: { type: string; principalId: string };
  eventSourceARN?: string;
}

export interface Shard {
  ShardId: string;
  ParentShardId?: string;
  SequenceNumberRange?: { StartingSequenceNumber?: string; EndingSequenceNumber?: string };
}

export class StreamsApiError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.code = code;
    this.name = 'StreamsApiError';
  }
}

export function streamsApi(endpoint: string, region: string) {
  const call = async <T>(
    service: 'DynamoDBStreams_20120810' | 'DynamoDB_20120810',
    operation: string,
    body: unknown,
  ) => {
    const response = await fetch(endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.0',
        'x-amz-target': `${service}.${operation}`,
        authorization: `AWS4-HMAC-SHA256 Credential=local/20260101/${region}/dynamodb/aws4_request, SignedHeaders=host, Signature=0`,
      },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    const parsed = (text ? JSON.parse(text) : {}) as T & {
      __type?: string;
      message?: string;
      Message?: string;
    };
    if (!response.ok) {
      const code =
        String(parsed.__type ?? response.status)
          .split('#')
          .pop() ?? 'Error';
      throw new StreamsApiError(code, parsed.message ?? parsed.Message ?? text);
    }
    return parsed;
  };
  return {
    /** The table's current stream, or undefined when it has none (or no such table yet). */
    async latestStreamArn(tableName: string): Promise<string | undefined> {
      try {
        const { Table } = await call<{ Table?: { LatestStreamArn?: string } }>(
          'DynamoDB_20120810',
          'DescribeTable',
          {
            TableName: tableName,
          },
        );
        return Table?.LatestStreamArn;
      } catch (error) {
        if (error instanceof StreamsApiError && error.code === 'ResourceNotFoundException') return undefined;
        throw error;
      }
    },
    async shards(streamArn: string): Promise<Shard[]> {
      const shards: Shard[] = [];
      let start: string | undefined;
      do {
        const { StreamDescription } = await call<{
          StreamDescription: { Shards?: Shard[]; LastEvaluatedShardId?: string };
        }>('DynamoDBStreams_20120810', 'DescribeStream', {
          StreamArn: streamArn,
          ...(start ? { ExclusiveStartShardId: start } : {}),
        });
        shards.push(...(StreamDescription.Shards ?? []));
        start = StreamDescription.LastEvaluatedShardId;
      } while (start);
      return shards;
    },
    async shardIterator(
      streamArn: string,
      shardId: string,
      position:
        | { type: 'TRIM_HORIZON' | 'LATEST' }
        | { type: 'AFTER_SEQUENCE_NUMBER'; sequenceNumber: string },
    ): Promise<string | undefined> {
      const { ShardIterator } = await call<{ ShardIterator?: string }>(
        'DynamoDBStreams_20120810',
        'GetShardIterator',
        {
          StreamArn: streamArn,
          ShardId: shardId,
          ShardIteratorType: position.type,
          ...(position.type === 'AFTER_SEQUENCE_NUMBER' ? { SequenceNumber: position.sequenceNumber } : {}),
        },
      );
      return ShardIterator;
    },
    async records(iterator: string): Promise<{ records: StreamRecord[]; next?: string }> {
      const { Records = [], NextShardIterator } = await call<{
        Records?: StreamRecord[];
        NextShardIterator?: string;
      }>('DynamoDBStreams_20120810', 'GetRecords', { ShardIterator: iterator, Limit: 1000 });
      return NextShardIterator ? { records: Records, next: NextShardIterator } : { records: Records };
    },
  };
}

export type StreamsApi = ReturnType<typeof streamsApi>;
