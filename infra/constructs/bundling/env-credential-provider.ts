/**
 * Stands in for `@aws-sdk/credential-provider-node` in the Lambda bundles (an esbuild alias set by
 * AppFunction). Lambda hands a function its role's credentials in environment variables, so the
 * SDK's default chain always stops at its first link, `fromEnv`; the other links (SSO, INI files,
 * credential processes, web identity, container and instance metadata) and the STS/SSO clients
 * they embed are about 135 KB of every bundle that never runs there, and cost import time at
 * cold start. The local cloud sets the same variables. Same exports as the package it replaces.
 */
import { fromEnv } from '@aws-sdk/credential-provider-env';

type FromEnvInit = Parameters<typeof fromEnv>[0];
type Expiring = { expiration?: Date } | undefined;

export const defaultProvider = (init: FromEnvInit = {}) => fromEnv(init);

export const credentialsWillNeedRefresh = (credentials: Expiring): boolean =>
  credentials?.expiration !== undefined;

// Same five-minute margin as the SDK's chain.
export const credentialsTreatedAsExpired = (credentials: Expiring): boolean =>
  credentials?.expiration !== undefined && credentials.expiration.getTime() - Date.now() < 300_000;
