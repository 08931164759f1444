import type { PlacedEdge, PlacedGraph, PlacedNode, Point } from './layout.ts';
import { type Language, type NodeStatus, STATUS_LABELS } from './node-status.ts';

/**
 * Draws a laid-out graph as an SVG string. Colours come from the console stylesheet through
 * classes (`status-failed`, ...), so the page's Content-Security-Policy needs no inline styles;
 * every node also carries its status in text (`<title>`, `data-status`, aria-label), so colour
 * is never the only signal.
 */
export function renderSvg(
  layout: PlacedGraph,
  statusOf: (id: string) => NodeStatus,
  options: { title: string; language?: Language },
): string {
  const labels = STATUS_LABELS[options.language ?? 'en'];
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" class="graph" role="img" aria-labelledby="graph-title" width="${round(layout.width)}" height="${round(layout.height)}" viewBox="0 0 ${round(layout.width)} ${round(layout.height)}">`,
    `<title id="graph-title">${escapeXml(options.title)}</title>`,
    '<defs>',
    '<marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" class="arrow-head"/></marker>',
    '<marker id="arrow-catch" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" class="arrow-head catch"/></marker>',
    '</defs>',
  );
  drawGraph(layout, statusOf, labels, parts);
  parts.push('</svg>');
  return parts.join('');
}

type Labels = Record<NodeStatus, string>;

function drawGraph(
  layout: PlacedGraph,
  statusOf: (id: string) => NodeStatus,
  labels: Labels,
  parts: string[],
): void {
  for (const node of layout.nodes) drawNode(node, statusOf, labels, parts);
  for (const edge of layout.edges) drawEdge(edge, parts);
}

function drawNode(
  node: PlacedNode,
  statusOf: (id: string) => NodeStatus,
  labels: Labels,
  parts: string[],
): void {
  const status = statusOf(node.id);
  const label = labels[status];
  const type = node.stateType ? ` (${node.stateType})` : '';
  parts.push(
    `<g class="node node-${node.kind} status-${status}${node.children ? ' compound' : ''}" data-state="${escapeXml(node.label)}" data-status="${status}" aria-label="${escapeXml(`${node.label}${type}: ${label}`)}">`,
    `<title>${escapeXml(`${node.label}${type}: ${label}`)}</title>`,
  );
  const radius = node.kind === 'state' ? 6 : node.height / 2;
  parts.push(
    `<rect x="${round(node.x)}" y="${round(node.y)}" width="${round(node.width)}" height="${round(node.height)}" rx="${radius}"/>`,
  );
  if (node.children) {
    parts.push(
      `<text x="${round(node.x + 10)}" y="${round(node.y + 20)}" class="box-label">${escapeXml(`${node.label} · ${node.stateType}`)}</text>`,
    );
    for (const child of node.children) drawGraph(child, statusOf, labels, parts);
  } else {
    parts.push(
      `<text x="${round(node.x + node.width / 2)}" y="${round(node.y + node.height / 2)}" text-anchor="middle" dominant-baseline="central">${escapeXml(clip(node.label, node.width))}</text>`,
    );
  }
  parts.push('</g>');
}

function drawEdge(edge: PlacedEdge, parts: string[]): void {
  const catchClass = edge.kind === 'catch' ? ' catch' : '';
  const marker = edge.kind === 'catch' ? 'arrow-catch' : 'arrow';
  // Loops share the lane on the right, where their labels would pile up and run off the
  // picture: they keep their label as a tooltip only.
  const tooltip = edge.back && edge.label ? `<title>${escapeXml(edge.label)}</title>` : '';
  parts.push(
    `<path class="edge edge-${edge.kind}${catchClass}" d="${edge.back ? straightPath(edge.points) : curvedPath(edge.points)}" marker-end="url(#${marker})">${tooltip}</path>`,
  );
  if (edge.label && !edge.back && edge.points.length >= 2) {
    const [first, second] = edge.points as [Point, Point];
    const x = (first.x + second.x) / 2 + 6;
    const y = (first.y + second.y) / 2;
    parts.push(
      `<text class="edge-label${catchClass}" x="${round(x)}" y="${round(y)}">${escapeXml(clip(edge.label, 240))}</text>`,
    );
  }
}

/** Vertical S-curves through the points, as the AWS console draws forward edges. */
function curvedPath(points: Point[]): string {
  const [start, ...rest] = points;
  if (!start) return '';
  let path = `M${round(start.x)},${round(start.y)}`;
  let previous = start;
  for (const point of rest) {
    const middle = (previous.y + point.y) / 2;
    path += ` C${round(previous.x)},${round(middle)} ${round(point.x)},${round(middle)} ${round(point.x)},${round(point.y)}`;
    previous = point;
  }
  return path;
}

function straightPath(points: Point[]): string {
  return points
    .map((point, index) => `${index === 0 ? 'M' : 'L'}${round(point.x)},${round(point.y)}`)
    .join(' ');
}

function clip(text: string, width: number): string {
  const fits = Math.max(4, Math.floor((width - 16) / 7));
  return text.length <= fits ? text : `${text.slice(0, fits - 1)}…`;
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
