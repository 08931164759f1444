import { ACCESS_MATRIX, type RouteAccess } from './matrix.ts';
import { ROLES } from './principal.ts';
import { describeRule } from './rules.ts';

function cell(access: RouteAccess, role: (typeof ROLES)[number]): string {
  if (access.auth === 'public') return 'yes';
  if (access.auth === 'shared-secret') return '—';
  const rule = access.grants[role];
  if (rule === undefined) return '—';
  const text = rule === 'any' ? 'yes' : describeRule(rule);
  return access.list && rule !== 'any' ? `${text} (filtered)` : text;
}

/**
 * The matrix as a Markdown table, for docs/SECURITY.md: `yes` (any resource), the ownership rule
 * that applies (`(filtered)` on lists: rows limited to the caller's own), or `—` (refused).
 */
export function renderMatrixMarkdown(): string {
  const header = `| Route | Auth | ${ROLES.join(' | ')} | What |`;
  const rule = `| --- | --- | ${ROLES.map(() => '---').join(' | ')} | --- |`;
  const rows = Object.entries(ACCESS_MATRIX).map(([routeKey, access]: [string, RouteAccess]) => {
    const cells = ROLES.map((role) => cell(access, role));
    return `| \`${routeKey}\` | ${access.auth} | ${cells.join(' | ')} | ${access.summary} |`;
  });
  return [header, rule, ...rows].join('\n');
}
