import type { RouteModel } from '../model/http-apis.ts';

export interface RouteMatch {
  route: RouteModel;
  pathParameters: Record<string, string>;
}

interface CompiledRoute {
  route: RouteModel;
  segments: string[];
  greedy: boolean;
}

function compile(route: RouteModel): CompiledRoute {
  const segments = route.path.split('/').filter(Boolean);
  return { route, segments, greedy: segments.at(-1)?.endsWith('+}') ?? false };
}

function matchPath(compiled: CompiledRoute, parts: string[]): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  const { segments, greedy } = compiled;
  const fixed = greedy ? segments.length - 1 : segments.length;
  if (greedy ? parts.length < segments.length : parts.length !== segments.length) return undefined;
  for (let i = 0; i < fixed; i++) {
    const segment = segments[i]!;
    const part = parts[i]!;
    if (segment.startsWith('{') && segment.endsWith('}')) params[segment.slice(1, -1)] = part;
    else if (segment !== part) return undefined;
  }
  if (greedy) params[segments.at(-1)!.slice(1, -2)] = parts.slice(fixed).join('/');
  return params;
}

/** Specificity as API Gateway ranks it: more literal segments first, greedy paths last, a method over ANY. */
function rank(compiled: CompiledRoute): number[] {
  const literals = compiled.segments.filter((s) => !s.startsWith('{')).length;
  return [
    compiled.greedy ? 0 : 1,
    literals,
    compiled.segments.length,
    compiled.route.method === 'ANY' ? 0 : 1,
  ];
}

function compareRanks(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return b[i]! - a[i]!;
  return 0;
}

/** Picks the route API Gateway would: the most specific match, else `$default`. */
export function createRouteMatcher(
  routes: RouteModel[],
): (method: string, rawPath: string) => RouteMatch | undefined {
  const compiled = routes.filter((r) => r.method !== '$default').map(compile);
  const fallback = routes.find((r) => r.method === '$default');
  return (method, rawPath) => {
    // Segments are decoded after splitting, so an encoded slash stays inside its segment.
    const parts = rawPath.split('/').filter(Boolean).map(decodeURIComponent);
    const candidates = compiled
      .filter((c) => c.route.method === method || c.route.method === 'ANY')
      .map((c) => ({ c, params: matchPath(c, parts) }))
      .filter((m): m is { c: CompiledRoute; params: Record<string, string> } => m.params !== undefined)
      .sort((a, b) => compareRanks(rank(a.c), rank(b.c)));
    const best = candidates[0];
    if (best) return { route: best.c.route, pathParameters: best.params };
    return fallback ? { route: fallback, pathParameters: {} } : undefined;
  };
}
