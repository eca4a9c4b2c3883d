import { componentFlow, type ComponentStatus, type PlatformStatus } from '@ndf/alerting';

const SVG = 'http://www.w3.org/2000/svg';
const NODE_WIDTH = 176;
const NODE_HEIGHT = 62;
const COLUMN_GAP = 70;
const ROW_GAP = 18;

function svg<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attributes: Record<string, string | number>,
  text?: string,
): SVGElementTagNameMap[K] {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  if (text !== undefined) element.textContent = text;
  return element;
}

/**
 * Each component's column: the fewest edges from where work enters (a component nothing feeds:
 * an API, a schedule). The longest chain would stretch the pipeline along its loops (services
 * write the table whose router feeds them); the shortest keeps each step where it first happens.
 */
function columns(status: PlatformStatus): Map<string, number> {
  const fed = new Set(status.edges.map((edge) => edge.to));
  const column = new Map<string, number>();
  let frontier = status.components.map((component) => component.name).filter((name) => !fed.has(name));
  for (const name of frontier) column.set(name, 0);
  for (let depth = 1; frontier.length > 0; depth++) {
    const next: string[] = [];
    for (const edge of status.edges)
      if (frontier.includes(edge.from) && !column.has(edge.to)) {
        column.set(edge.to, depth);
        next.push(edge.to);
      }
    frontier = next;
  }
  // A component only a loop reaches (or none) sits with the entries.
  for (const component of status.components) if (!column.has(component.name)) column.set(component.name, 0);
  return column;
}

const perSecond = (value: number | undefined): string => (value === undefined ? '–' : value >= 10 ? value.toFixed(0) : value.toFixed(1));

function detail(component: ComponentStatus): string {
  const rate = componentFlow(component).perSecond;
  const backlog = component.queue ? component.queue.visible + component.queue.inFlight : undefined;
  const parts = [`${perSecond(rate)}/s`];
  if (backlog !== undefined) parts.push(`backlog ${backlog}`);
  if (component.deadLetters && component.deadLetters.visible > 0) parts.push(`DLQ ${component.deadLetters.visible}`);
  return parts.join(' · ');
}

/** The pipeline as an SVG graph: components in columns by their place in the flow; red when down or with an open alert. */
export function pipelineGraph(status: PlatformStatus): SVGSVGElement {
  const column = columns(status);
  const rows = new Map<number, number>();
  const position = new Map<string, { x: number; y: number }>();
  for (const component of [...status.components].sort((a, b) => a.name.localeCompare(b.name))) {
    const x = column.get(component.name)!;
    const y = rows.get(x) ?? 0;
    rows.set(x, y + 1);
    position.set(component.name, { x: 10 + x * (NODE_WIDTH + COLUMN_GAP), y: 10 + y * (NODE_HEIGHT + ROW_GAP) });
  }
  const width = 20 + (Math.max(0, ...column.values()) + 1) * (NODE_WIDTH + COLUMN_GAP) - COLUMN_GAP;
  const height = 20 + Math.max(1, ...rows.values()) * (NODE_HEIGHT + ROW_GAP) - ROW_GAP;
  const root = svg('svg', { viewBox: `0 0 ${width} ${height}`, width, height, role: 'img', 'aria-label': 'pipeline' });
  const marker = svg('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 10, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto' });
  marker.appendChild(svg('path', { d: 'M0,0 L10,5 L0,10 z', class: 'arrow' }));
  root.appendChild(svg('defs', {})).appendChild(marker);

  for (const edge of status.edges) {
    const from = position.get(edge.from);
    const to = position.get(edge.to);
    if (!from || !to) continue;
    const [x1, y1] = [from.x + NODE_WIDTH, from.y + NODE_HEIGHT / 2];
    const [x2, y2] = [to.x, to.y + NODE_HEIGHT / 2];
    const middle = (x1 + x2) / 2;
    const path = svg('path', {
      d: `M${x1},${y1} C${middle},${y1} ${middle},${y2} ${x2},${y2}`,
      class: 'edge',
      'marker-end': 'url(#arrow)',
    });
    path.appendChild(svg('title', {}, edge.via));
    root.appendChild(path);
  }
  for (const component of status.components) {
    const { x, y } = position.get(component.name)!;
    const alerting = component.alertId !== undefined || !component.up;
    const group = svg('g', {
      class: `node ${alerting ? 'alerting' : 'healthy'}`,
      transform: `translate(${x},${y})`,
      'data-component': component.name,
    });
    group.appendChild(svg('rect', { width: NODE_WIDTH, height: NODE_HEIGHT, rx: 8 }));
    group.appendChild(svg('text', { x: 10, y: 20, class: 'name' }, component.name));
    group.appendChild(svg('text', { x: 10, y: 38, class: 'kind' }, `${component.kind}${component.up ? '' : ' · down'}`));
    group.appendChild(svg('text', { x: 10, y: 54, class: 'figures' }, detail(component)));
    root.appendChild(group);
  }
  return root;
}
