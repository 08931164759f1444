import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';

/** Where the engine's service integrations reach DynamoDB and S3 (the local stand-ins, or AWS). */
export interface AwsTargets {
  region: string;
  endpoints?: { dynamodb?: string; s3?: string };
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
}

export interface AwsClients {
  dynamodb(): DynamoDBClient;
  s3(): S3Client;
}

/** Clients are created on first use, once per engine. */
export function createAwsClients(targets: AwsTargets): AwsClients {
  let dynamodb: DynamoDBClient | undefined;
  let s3: S3Client | undefined;
  const base = { region: targets.region, ...(targets.credentials && { credentials: targets.credentials }) };
  return {
    dynamodb: () => {
      dynamodb ??= new DynamoDBClient({
        ...base,
        ...(targets.endpoints?.dynamodb && { endpoint: targets.endpoints.dynamodb }),
      });
      return dynamodb;
    },
    s3: () => {
      // s3rver is path-style only and stores chunk framing unless checksums are only sent when required.
      s3 ??= new S3Client({
        ...base,
        ...(targets.endpoints?.s3 && { endpoint: targets.endpoints.s3, forcePathStyle: true }),
        requestChecksumCalculation: 'WHEN_REQUIRED',
        responseChecksumValidation: 'WHEN_REQUIRED',
      });
      return s3;
    },
  };
}
