import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';

/** S3 as the bulk-intake tasks use it: the uploaded file, the staged rows and the reports. */
export interface UploadObjects {
  /** Size and content type, without downloading the object. */
  head(bucket: string, key: string): Promise<{ size: number; contentType: string | undefined }>;
  read(bucket: string, key: string): Promise<Uint8Array>;
  readJson<T>(bucket: string, key: string): Promise<T>;
  write(bucket: string, key: string, body: string, contentType: string): Promise<void>;
}

export function createUploadObjects(client: S3Client): UploadObjects {
  const read = async (bucket: string, key: string) => {
    const object = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    return (await object.Body?.transformToByteArray()) ?? new Uint8Array();
  };
  return {
    async head(bucket, key) {
      const head = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
      return { size: head.ContentLength ?? 0, contentType: head.ContentType };
    },
    read,
    async readJson<T>(bucket: string, key: string) {
      return JSON.parse(new TextDecoder().decode(await read(bucket, key))) as T;
    },
    async write(bucket, key, body, contentType) {
      await client.send(
        new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: contentType }),
      );
    },
  };
}
