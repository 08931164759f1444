import { describe, expect, it } from 'vitest';
import { JavaMissingError, startDynamoDbLocal } from '../../../local/cloud/dynamodb/dynamodb-local.ts';

describe('startDynamoDbLocal', () => {
  it('asks for Java 17 when java is not on PATH', () => {
    const path = process.env.PATH;
    process.env.PATH = '/nonexistent';
    try {
      expect(() => startDynamoDbLocal({ port: 0, dataDir: '/tmp/never-used' })).toThrow(JavaMissingError);
      expect(() => startDynamoDbLocal({ port: 0, dataDir: '/tmp/never-used' })).toThrow(
        /apt-get install openjdk-17-jre-headless/,
      );
    } finally {
      process.env.PATH = path;
    }
  });
});
