import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ROUTES } from '../../infra/routes.ts';

/** A Lambda function of the synthesized app, with what the benches need to know of it. */
export interface AssemblyFunction {
  logicalId: string;
  /** The construct id, e.g. `Fn-IntakeRegisterHousehold` (or the CDK helper's own id). */
  constructId: string;
  bundlePath: string;
  bundleBytes: number;
  memoryMb: number;
  /** Template variables; values that are CloudFormation references become their logical id. */
  environment: Record<string, string>;
  /** Routes served by this function (`POST /households`), empty for workflow tasks. */
  routes: string[];
  /** Whether staff (intake, partner, caseworker, supervisor) call it: the 128 KB budget. */
  staffPath: boolean;
}

interface TemplateResource {
  Type: string;
  Properties?: Record<string, unknown>;
  Metadata?: Record<string, unknown>;
}

const STAFF_ROLES = new Set(['intake', 'partner', 'caseworker', 'supervisor']);

/** `bulk-intake/start-bulk-intake.ts` → `BulkIntakeStartBulkIntake`, as infra/service-stack.ts names functions. */
export function functionIdOf(entry: string): string {
  return `Fn-${entry
    .replace(/\.ts$/, '')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word[0]!.toUpperCase() + word.slice(1))
    .join('')}`;
}

export function templatesOf(assemblyDir: string): Record<string, TemplateResource>[] {
  return readdirSync(assemblyDir)
    .filter((name) => name.endsWith('.template.json'))
    .map(
      (name) =>
        (
          JSON.parse(readFileSync(join(assemblyDir, name), 'utf8')) as {
            Resources?: Record<string, TemplateResource>;
          }
        ).Resources ?? {},
    );
}

const referenceName = (value: unknown): string => {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') {
    const ref = (value as Record<string, unknown>)['Ref'] ?? (value as Record<string, unknown>)['Fn::GetAtt'];
    return Array.isArray(ref) ? String(ref[0]) : String(ref ?? 'bench-placeholder');
  }
  return String(value);
};

/** Every bundled Node.js function of the assembly (CDK's own Python helpers have no index.mjs). */
export function assemblyFunctions(assemblyDir: string): AssemblyFunction[] {
  const routesById = new Map<string, string[]>();
  for (const route of ROUTES) {
    const id = functionIdOf(route.function);
    routesById.set(id, [...(routesById.get(id) ?? []), `${route.method} ${route.path}`]);
  }
  const staffIds = new Set(
    ROUTES.filter(
      (route) => route.roles !== 'public' && route.roles.some((role) => STAFF_ROLES.has(role)),
    ).map((route) => functionIdOf(route.function)),
  );
  const functions: AssemblyFunction[] = [];
  for (const resources of templatesOf(assemblyDir)) {
    for (const [logicalId, resource] of Object.entries(resources)) {
      if (resource.Type !== 'AWS::Lambda::Function') continue;
      const asset = resource.Metadata?.['aws:asset:path'];
      const bundlePath = typeof asset === 'string' ? join(assemblyDir, asset, 'index.mjs') : '';
      if (!bundlePath || !existsSync(bundlePath)) continue;
      const cdkPath = String(resource.Metadata?.['aws:cdk:path'] ?? logicalId).split('/');
      const constructId = cdkPath.find((part) => part.startsWith('Fn-')) ?? cdkPath.at(-2) ?? logicalId;
      const variables =
        ((resource.Properties?.['Environment'] as { Variables?: Record<string, unknown> } | undefined)
          ?.Variables as Record<string, unknown> | undefined) ?? {};
      functions.push({
        logicalId,
        constructId,
        bundlePath,
        bundleBytes: statSync(bundlePath).size,
        memoryMb: Number(resource.Properties?.['MemorySize'] ?? 128),
        environment: Object.fromEntries(
          Object.entries(variables).map(([name, value]) => [name, referenceName(value)]),
        ),
        routes: routesById.get(constructId) ?? [],
        staffPath: staffIds.has(constructId),
      });
    }
  }
  return functions.sort((a, b) => a.constructId.localeCompare(b.constructId));
}

/** State machines of the assembly by logical id. */
export function assemblyStateMachines(assemblyDir: string): string[] {
  return templatesOf(assemblyDir).flatMap((resources) =>
    Object.entries(resources)
      .filter(([, resource]) => resource.Type === 'AWS::StepFunctions::StateMachine')
      .map(([logicalId]) => logicalId),
  );
}
