import type { CloudAssembly } from '../assembly/cloud-assembly.ts';
import { createResolver } from '../assembly/intrinsics.ts';
import type { LocalSettings } from '../assembly/local-settings.ts';
import { type BucketModel, deriveBuckets } from './buckets.ts';
import { deriveEventRules, type EventRuleModel } from './event-rules.ts';
import {
  deriveEventSourceMappings,
  type SkippedMapping,
  type StreamMappingModel,
} from './event-source-mappings.ts';
import { deriveFunctions, type FunctionModel, type SkippedFunction } from './functions.ts';
import { deriveHttpApis, type HttpApiModel } from './http-apis.ts';
import { deriveStateMachines, type StateMachineModel } from './state-machines.ts';
import { deriveTables, type TableModel } from './tables.ts';
import { deriveUserPools, type UserPoolModel } from './user-pools.ts';

/** Everything the local cloud runs, derived from the cloud assembly and nothing else. */
export interface LocalCloudModel {
  tables: TableModel[];
  buckets: BucketModel[];
  functions: FunctionModel[];
  skippedFunctions: SkippedFunction[];
  stateMachines: StateMachineModel[];
  httpApis: HttpApiModel[];
  userPools: UserPoolModel[];
  eventRules: EventRuleModel[];
  /** Lambda event source mappings on DynamoDB streams. */
  streamMappings: StreamMappingModel[];
  /** Event source mappings not run locally (other sources, disabled). */
  skippedMappings: SkippedMapping[];
}

export function deriveLocalCloudModel(assembly: CloudAssembly, settings: LocalSettings): LocalCloudModel {
  const resolver = createResolver(assembly, settings);
  const { functions, skipped } = deriveFunctions(resolver, assembly);
  const mappings = deriveEventSourceMappings(resolver);
  return {
    tables: deriveTables(resolver),
    buckets: deriveBuckets(resolver),
    functions,
    skippedFunctions: skipped,
    stateMachines: deriveStateMachines(resolver, assembly),
    httpApis: deriveHttpApis(resolver),
    userPools: deriveUserPools(resolver),
    eventRules: deriveEventRules(resolver),
    streamMappings: mappings.mappings,
    skippedMappings: mappings.skipped,
  };
}
