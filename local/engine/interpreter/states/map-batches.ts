import { evaluatePayloadTemplate, jsonataBindings } from '../data-flow.ts';
import type { StateVisit } from '../execution-run.ts';
import { evaluateTemplate, type JsonataBindings } from '../jsonata-engine.ts';
import { readBatcherSetting } from './map-settings.ts';

/** What each Map iteration receives: ItemSelector (or legacy Parameters) per item, then ItemBatcher batches. */

export async function selectItem(
  visit: StateVisit,
  input: unknown,
  item: unknown,
  index: number,
  bindings: JsonataBindings | undefined,
): Promise<unknown> {
  const selector = visit.state['ItemSelector'] ?? (bindings ? undefined : visit.state['Parameters']);
  if (selector === undefined) return item;
  const itemVisit: StateVisit = {
    ...visit,
    branch: { ...visit.branch, mapItem: { Index: index, Value: item } },
  };
  if (bindings) return evaluateTemplate(selector, jsonataBindings(itemVisit, { input }), 'ItemSelector');
  return evaluatePayloadTemplate(itemVisit, selector, input);
}

/** ItemBatcher: `{ BatchInput, Items: [...] }` batches bounded by item count and serialized size. */
export async function batchItems(
  visit: StateVisit,
  items: unknown[],
  input: unknown,
  bindings: JsonataBindings | undefined,
): Promise<unknown[]> {
  const batcher = visit.state['ItemBatcher'] as Record<string, unknown> | undefined;
  if (!batcher) return items;
  const maxItems =
    (await readBatcherSetting(visit, batcher, 'MaxItemsPerBatch', input, bindings)) ?? Infinity;
  const maxBytes =
    (await readBatcherSetting(visit, batcher, 'MaxInputBytesPerBatch', input, bindings)) ?? Infinity;
  let batchInput: unknown = batcher['BatchInput'];
  if (batchInput !== undefined) {
    batchInput = bindings
      ? await evaluateTemplate(batchInput, bindings, 'ItemBatcher/BatchInput')
      : evaluatePayloadTemplate(visit, batchInput, input);
  }
  const batches: unknown[] = [];
  let current: unknown[] = [];
  let currentBytes = 0;
  const flush = () => {
    if (current.length === 0) return;
    batches.push(batchInput === undefined ? { Items: current } : { BatchInput: batchInput, Items: current });
    current = [];
    currentBytes = 0;
  };
  for (const item of items) {
    const bytes = Buffer.byteLength(JSON.stringify(item) ?? 'null');
    if (current.length >= maxItems || (current.length > 0 && currentBytes + bytes > maxBytes)) flush();
    current.push(item);
    currentBytes += bytes;
  }
  flush();
  return batches;
}
