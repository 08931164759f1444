import { describe, expect, it } from 'vitest';
import { corsHeaders, preflightHeaders } from '../../../../local/cloud/http-api/cors.ts';

const cors = {
  allowOrigins: ['http://127.0.0.1:5173'],
  allowMethods: ['GET', 'POST'],
  allowHeaders: ['authorization'],
  exposeHeaders: [],
  allowCredentials: false,
  maxAge: 600,
};

describe('CORS', () => {
  it('answers a preflight from an allowed origin with the configured methods and headers', () => {
    expect(preflightHeaders(cors, 'http://127.0.0.1:5173')).toEqual({
      'access-control-allow-origin': 'http://127.0.0.1:5173',
      'access-control-allow-methods': 'GET,POST',
      'access-control-allow-headers': 'authorization',
      'access-control-max-age': '600',
    });
  });

  it('adds nothing for an origin that is not allowed', () => {
    expect(corsHeaders(cors, 'http://evil.example')).toEqual({});
    expect(corsHeaders({ ...cors, allowOrigins: ['*'] }, 'http://any')).toEqual({
      'access-control-allow-origin': '*',
    });
  });
});
