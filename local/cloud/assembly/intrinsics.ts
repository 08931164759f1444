import type { AssemblyStack, CloudAssembly, Template } from './cloud-assembly.ts';
import { identifyResource, type ResourceIdentity } from './local-identities.ts';
import type { LocalSettings } from './local-settings.ts';

export class UnresolvableError extends Error {
  constructor(stackName: string, what: string) {
    super(`Cannot resolve ${what} in stack ${stackName} for local use`);
    this.name = 'UnresolvableError';
  }
}

/** Marks `{ Ref: 'AWS::NoValue' }`, which removes the property or list element that holds it. */
const NO_VALUE = Symbol('AWS::NoValue');

/** Resolves CloudFormation intrinsics to local names and ARNs, across the stacks of one assembly. */
export interface Resolver {
  readonly settings: LocalSettings;
  readonly stacks: AssemblyStack[];
  /** Deeply resolves `value` as it appears in `stackName`'s template. */
  resolve(stackName: string, value: unknown): unknown;
  identity(stackName: string, logicalId: string): ResourceIdentity;
}

export function createResolver(assembly: CloudAssembly, settings: LocalSettings): Resolver {
  const stacksByName = new Map(assembly.stacks.map((s) => [s.stackName, s]));
  const identities = new Map<string, ResourceIdentity>();
  const inProgress = new Set<string>();

  const stackOf = (stackName: string): AssemblyStack => {
    const stack = stacksByName.get(stackName);
    if (!stack) throw new UnresolvableError(stackName, 'the stack itself');
    return stack;
  };

  const identity = (stackName: string, logicalId: string): ResourceIdentity => {
    const key = `${stackName}/${logicalId}`;
    const known = identities.get(key);
    if (known) return known;
    const resource = stackOf(stackName).template.Resources?.[logicalId];
    if (!resource) throw new UnresolvableError(stackName, `resource ${logicalId}`);
    if (inProgress.has(key))
      throw new UnresolvableError(stackName, `circular reference through ${logicalId}`);
    inProgress.add(key);
    try {
      const found = identifyResource({
        stackName,
        logicalId,
        resource,
        settings,
        prop: (name) => {
          const raw = resource.Properties?.[name];
          return raw === undefined ? undefined : resolve(stackName, raw);
        },
      });
      identities.set(key, found);
      return found;
    } finally {
      inProgress.delete(key);
    }
  };

  const pseudo = (stackName: string, name: string): string | typeof NO_VALUE | undefined => {
    switch (name) {
      case 'AWS::Region':
        return settings.region;
      case 'AWS::AccountId':
        return settings.account;
      case 'AWS::Partition':
        return 'aws';
      case 'AWS::URLSuffix':
        return 'amazonaws.com';
      case 'AWS::StackName':
        return stackName;
      case 'AWS::StackId':
        return `arn:aws:cloudformation:${settings.region}:${settings.account}:stack/${stackName}/local`;
      case 'AWS::NoValue':
        return NO_VALUE;
      case 'AWS::NotificationARNs':
        return undefined;
      default:
        return undefined;
    }
  };

  const ref = (stackName: string, name: string): unknown => {
    const p = pseudo(stackName, name);
    if (p !== undefined) return p;
    const template: Template = stackOf(stackName).template;
    const parameter = template.Parameters?.[name];
    if (parameter) {
      if (parameter.Default === undefined)
        throw new UnresolvableError(stackName, `parameter ${name} (no default)`);
      return parameter.Default;
    }
    return identity(stackName, name).ref;
  };

  const getAtt = (stackName: string, logicalId: string, attr: string): string => {
    const found = identity(stackName, logicalId).attrs[attr];
    if (found === undefined) throw new UnresolvableError(stackName, `Fn::GetAtt ${logicalId}.${attr}`);
    return found;
  };

  const importValue = (exportName: string): unknown => {
    for (const stack of assembly.stacks) {
      for (const output of Object.values(stack.template.Outputs ?? {})) {
        if (output.Export && resolve(stack.stackName, output.Export.Name) === exportName) {
          return resolve(stack.stackName, output.Value);
        }
      }
    }
    throw new UnresolvableError('(any)', `Fn::ImportValue ${exportName}`);
  };

  const condition = (stackName: string, name: string): boolean => {
    const body = stackOf(stackName).template.Conditions?.[name];
    if (body === undefined) throw new UnresolvableError(stackName, `condition ${name}`);
    return Boolean(resolve(stackName, body));
  };

  const sub = (stackName: string, text: string, variables: Record<string, unknown>): string =>
    text.replace(/\$\{([^}]+)\}/g, (whole, expr: string) => {
      if (expr.startsWith('!')) return `\${${expr.slice(1)}}`;
      if (expr in variables) return String(resolve(stackName, variables[expr]));
      const dot = expr.indexOf('.');
      if (dot > 0 && !expr.startsWith('AWS::'))
        return getAtt(stackName, expr.slice(0, dot), expr.slice(dot + 1));
      const value = ref(stackName, expr);
      if (typeof value !== 'string') throw new UnresolvableError(stackName, `Fn::Sub ${whole}`);
      return value;
    });

  const intrinsic = (stackName: string, name: string, arg: unknown): unknown => {
    switch (name) {
      case 'Ref':
        return ref(stackName, String(arg));
      case 'Fn::GetAtt': {
        const [logicalId, ...attr] = Array.isArray(arg) ? (arg as string[]) : String(arg).split('.');
        return getAtt(stackName, String(logicalId), attr.map(String).join('.'));
      }
      case 'Fn::Join': {
        const [separator, parts] = arg as [string, unknown];
        const list = resolve(stackName, parts) as unknown[];
        return list.map(String).join(separator);
      }
      case 'Fn::Sub': {
        if (typeof arg === 'string') return sub(stackName, arg, {});
        const [text, variables] = arg as [string, Record<string, unknown>];
        return sub(stackName, text, variables ?? {});
      }
      case 'Fn::ImportValue':
        return importValue(String(resolve(stackName, arg)));
      case 'Fn::Select': {
        const [index, list] = arg as [unknown, unknown];
        return (resolve(stackName, list) as unknown[])[Number(resolve(stackName, index))];
      }
      case 'Fn::Split': {
        const [separator, text] = arg as [string, unknown];
        return String(resolve(stackName, text)).split(separator);
      }
      case 'Fn::GetAZs':
        return ['a', 'b', 'c'].map((zone) => `${settings.region}${zone}`);
      case 'Fn::Base64':
        return Buffer.from(String(resolve(stackName, arg))).toString('base64');
      case 'Fn::If': {
        const [cond, whenTrue, whenFalse] = arg as [string, unknown, unknown];
        return resolve(stackName, condition(stackName, cond) ? whenTrue : whenFalse);
      }
      case 'Fn::Equals': {
        const [a, b] = resolve(stackName, arg) as [unknown, unknown];
        return JSON.stringify(a) === JSON.stringify(b);
      }
      case 'Fn::Not':
        return !(resolve(stackName, arg) as unknown[])[0];
      case 'Fn::And':
        return (resolve(stackName, arg) as unknown[]).every(Boolean);
      case 'Fn::Or':
        return (resolve(stackName, arg) as unknown[]).some(Boolean);
      case 'Condition':
        return condition(stackName, String(arg));
      case 'Fn::FindInMap': {
        const [map, top, second] = resolve(stackName, arg) as [string, string, string];
        const mappings = (
          stackOf(stackName).template as {
            Mappings?: Record<string, Record<string, Record<string, unknown>>>;
          }
        ).Mappings;
        const found = mappings?.[map]?.[top]?.[second];
        if (found === undefined)
          throw new UnresolvableError(stackName, `Fn::FindInMap ${map}.${top}.${second}`);
        return found;
      }
      default:
        throw new UnresolvableError(stackName, name);
    }
  };

  function resolve(stackName: string, value: unknown): unknown {
    if (Array.isArray(value)) {
      return value.map((item) => resolve(stackName, item)).filter((item) => item !== NO_VALUE);
    }
    if (value === null || typeof value !== 'object') return value;
    const entries = Object.entries(value);
    const [first] = entries;
    if (
      entries.length === 1 &&
      first &&
      (first[0] === 'Ref' || first[0].startsWith('Fn::') || first[0] === 'Condition')
    ) {
      return intrinsic(stackName, first[0], first[1]);
    }
    const out: Record<string, unknown> = {};
    for (const [key, item] of entries) {
      const resolved = resolve(stackName, item);
      if (resolved !== NO_VALUE) out[key] = resolved;
    }
    return out;
  }

  return { settings, stacks: assembly.stacks, resolve, identity };
}
