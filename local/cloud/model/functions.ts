import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { CloudAssembly } from '../assembly/cloud-assembly.ts';
import type { Resolver } from '../assembly/intrinsics.ts';
import { resourcesOfType } from './resources.ts';

export interface FunctionModel {
  logicalId: string;
  stackName: string;
  functionName: string;
  arn: string;
  /** Absolute path of the module that holds the handler (e.g. `cdk.out/asset.<hash>/index.mjs`). */
  modulePath: string;
  /** The exported name of the handler (`handler` for `index.handler`). */
  handlerName: string;
  timeoutSeconds: number;
  memoryMb: number;
  /** `DeadLetterConfig.TargetArn`: where AWS sends asynchronous events that failed every attempt. */
  deadLetterTargetArn?: string;
  /** `ReservedConcurrentExecutions`: more concurrent invocations than this are throttled. */
  reservedConcurrency?: number;
  /** `Environment.Variables` with intrinsics resolved to local names. */
  environment: Record<string, string>;
}

export interface SkippedFunction {
  logicalId: string;
  stackName: string;
  reason: string;
}

const MODULE_EXTENSIONS = ['.mjs', '.js', '.cjs'];

/**
 * Node.js functions whose code is a synthesized asset. Functions that cannot run here (other
 * runtimes, inline code such as CDK's Python bucket-notifications handler) are returned as
 * skipped: they are deployment machinery the local cloud replaces.
 */
export function deriveFunctions(
  resolver: Resolver,
  assembly: CloudAssembly,
): { functions: FunctionModel[]; skipped: SkippedFunction[] } {
  const functions: FunctionModel[] = [];
  const skipped: SkippedFunction[] = [];
  for (const found of resourcesOfType(resolver, 'AWS::Lambda::Function')) {
    const { stackName, logicalId } = found;
    const runtime = found.prop<string>('Runtime') ?? '';
    const code = found.prop<{ S3Key?: string; ZipFile?: string }>('Code') ?? {};
    const handler = found.prop<string>('Handler') ?? 'index.handler';
    if (!runtime.startsWith('nodejs')) {
      skipped.push({ stackName, logicalId, reason: `runtime ${runtime || '(container image)'}` });
      continue;
    }
    const assetDir = code.S3Key ? assembly.assets.get(code.S3Key) : undefined;
    if (!assetDir) {
      skipped.push({ stackName, logicalId, reason: code.ZipFile ? 'inline code' : 'no synthesized asset' });
      continue;
    }
    const dot = handler.lastIndexOf('.');
    const moduleBase = join(assetDir, handler.slice(0, dot));
    const modulePath = MODULE_EXTENSIONS.map((ext) => moduleBase + ext).find((path) => existsSync(path));
    if (!modulePath) {
      skipped.push({ stackName, logicalId, reason: `no module for handler ${handler} in ${assetDir}` });
      continue;
    }
    const identity = resolver.identity(stackName, logicalId);
    const variables = found.prop<{ Variables?: Record<string, unknown> }>('Environment')?.Variables ?? {};
    const reserved = found.prop<number>('ReservedConcurrentExecutions');
    const deadLetter = found.prop<{ TargetArn?: string }>('DeadLetterConfig')?.TargetArn;
    functions.push({
      ...(deadLetter ? { deadLetterTargetArn: deadLetter } : {}),
      ...(reserved !== undefined ? { reservedConcurrency: Number(reserved) } : {}),
      logicalId,
      stackName,
      functionName: identity.ref,
      arn: identity.attrs.Arn!,
      modulePath,
      handlerName: handler.slice(dot + 1),
      timeoutSeconds: found.prop<number>('Timeout') ?? 3,
      memoryMb: found.prop<number>('MemorySize') ?? 128,
      environment: Object.fromEntries(Object.entries(variables).map(([key, value]) => [key, String(value)])),
    });
  }
  return { functions, skipped };
}
