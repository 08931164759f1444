import { S3Client } from '@aws-sdk/client-s3';

/**
 * S3 client, once per container; endpoint from AWS_ENDPOINT_URL_S3 when set.
 *
 * The same settings everywhere, with no local branch:
 * - `forcePathStyle`: the local S3 stand-in (s3rver) only understands path-style URLs
 *   (`host/bucket/key`). Path-style is also valid on AWS for our buckets (DNS-compatible names,
 *   no Transfer Acceleration), and presigned URLs then point at `s3.<region>.amazonaws.com`.
 * - `requestChecksumCalculation: 'WHEN_REQUIRED'`: the SDK otherwise sends streamed uploads
 *   with aws-chunked framing and trailing checksums, which s3rver stores verbatim. On AWS the
 *   TLS layer and Content-MD5 where S3 requires it still protect integrity.
 */
export const s3Client = new S3Client({ forcePathStyle: true, requestChecksumCalculation: 'WHEN_REQUIRED' });
