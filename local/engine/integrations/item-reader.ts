import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { parse } from 'csv-parse/sync';
import type {
  ItemReaderRequest,
  MapRunResults,
  ResultWriterDetails,
  ResultWriterRequest,
} from '../contract.ts';
import type { AwsClients } from './aws-clients.ts';

const delimiters: Record<string, string> = { COMMA: ',', PIPE: '|', SEMICOLON: ';', SPACE: ' ', TAB: '\t' };

/** An S3 failure under the AWS name the interpreter reports (`S3.NoSuchKey`). */
function s3Error(error: unknown): Error {
  const source = error as { name?: string; message?: string };
  const wrapped = new Error(source.message ?? String(error));
  wrapped.name = `S3.${source.name ?? 'SdkClientException'}`;
  return wrapped;
}

function parseObject(text: string, config: Record<string, unknown>): unknown[] {
  const inputType = String(config['InputType'] ?? 'JSON');
  if (inputType === 'JSON') {
    const parsed: unknown = JSON.parse(text);
    if (!Array.isArray(parsed))
      throw Object.assign(new Error('The JSON object is not an array'), { name: 'States.ItemReaderFailed' });
    return parsed;
  }
  if (inputType === 'JSONL')
    return text
      .split(/\r?\n/)
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line));
  if (inputType === 'CSV') {
    const delimiter = delimiters[String(config['CSVDelimiter'] ?? 'COMMA')] ?? ',';
    const given = config['CSVHeaderLocation'] === 'GIVEN' ? (config['CSVHeaders'] as string[]) : undefined;
    // AWS gives every CSV value as a string, keyed by the header.
    return parse(text, {
      columns: given ?? true,
      delimiter,
      skip_empty_lines: true,
      relax_column_count: true,
    });
  }
  throw Object.assign(new Error(`Unsupported InputType ${inputType}`), { name: 'States.ItemReaderFailed' });
}

/** Reads a Distributed Map's items from S3 (getObject CSV/JSON/JSONL, or listObjectsV2). */
export function createItemReader(clients: AwsClients) {
  return async (reader: ItemReaderRequest, signal: AbortSignal): Promise<unknown[]> => {
    const parameters = reader.parameters as { Bucket?: string; Key?: string; Prefix?: string };
    const config = reader.readerConfig;
    const maxItems =
      typeof config['MaxItems'] === 'number' && config['MaxItems'] > 0 ? config['MaxItems'] : Infinity;
    try {
      if (reader.resource.endsWith(':s3:listObjectsV2')) {
        const items: unknown[] = [];
        let token: string | undefined;
        do {
          const page = await clients.s3().send(
            new ListObjectsV2Command({
              Bucket: parameters.Bucket,
              Prefix: parameters.Prefix,
              ContinuationToken: token,
            }),
            { abortSignal: signal },
          );
          for (const item of page.Contents ?? [])
            items.push({
              Etag: item.ETag,
              Key: item.Key,
              LastModified: item.LastModified?.toISOString(),
              Size: item.Size,
              StorageClass: item.StorageClass,
            });
          token = page.NextContinuationToken;
        } while (token && items.length < maxItems);
        return items.slice(0, maxItems);
      }
      const object = await clients
        .s3()
        .send(new GetObjectCommand({ Bucket: parameters.Bucket, Key: parameters.Key }), {
          abortSignal: signal,
        });
      const text = (await object.Body?.transformToString()) ?? '';
      return parseObject(text, config).slice(0, maxItems);
    } catch (error) {
      if ((error as Error).name?.startsWith('States.')) throw error;
      if ((error as { $metadata?: unknown }).$metadata) throw s3Error(error);
      throw error;
    }
  };
}

/** Writes a Distributed Map's results where AWS does: `<Prefix>/<map run id>/manifest.json` and the result files. */
export function createResultWriter(clients: AwsClients) {
  return async (writer: ResultWriterRequest, results: MapRunResults): Promise<ResultWriterDetails> => {
    const { Bucket, Prefix } = writer.parameters as { Bucket: string; Prefix?: string };
    const folder = `${Prefix ? `${Prefix.replace(/\/$/, '')}/` : ''}${results.mapRunId}`;
    const put = async (name: string, body: unknown) => {
      const text = JSON.stringify(body);
      await clients.s3().send(
        new PutObjectCommand({
          Bucket,
          Key: `${folder}/${name}`,
          Body: text,
          ContentType: 'application/json',
        }),
      );
      return { Key: `${folder}/${name}`, Size: Buffer.byteLength(text) };
    };
    try {
      const files: Record<string, Array<{ Key: string; Size: number }>> = {
        FAILED: [],
        PENDING: [],
        SUCCEEDED: [],
      };
      for (const status of ['SUCCEEDED', 'FAILED', 'PENDING'] as const) {
        const children = results.children.filter((child) =>
          status === 'FAILED'
            ? child.Status === 'FAILED' || child.Status === 'ABORTED'
            : child.Status === status,
        );
        if (children.length > 0) files[status]!.push(await put(`${status}_0.json`, children));
      }
      const manifest = await put('manifest.json', {
        DestinationBucket: Bucket,
        MapRunArn: results.mapRunArn,
        ResultFiles: files,
      });
      return { Bucket, Key: manifest.Key };
    } catch (error) {
      throw s3Error(error);
    }
  };
}
