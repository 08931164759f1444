import { type Edge, type Item, LAYER_GAP, MARGIN, NODE_GAP } from './layout-model.ts';

/** The placement half of the layout: layers stacked top to bottom, nodes under their neighbours. */

export function placeVertically(layers: Item[][]): number {
  let top = MARGIN;
  for (const layer of layers) {
    const height = Math.max(0, ...layer.map((item) => item.height));
    for (const item of layer) item.y = top + (height - item.height) / 2;
    top += height + LAYER_GAP;
  }
  return top - LAYER_GAP;
}

/**
 * Places nodes under the mean of their neighbours: alternating sweeps down (parents) and up
 * (children), each layer put as close as it can to where its nodes want to be while keeping
 * their order and spacing (a least-squares fit, solved by merging blocks that would overlap).
 */
export function placeHorizontally(layers: Item[][], chains: Map<Edge, string[]>): void {
  const parents = new Map<string, Item[]>();
  const children = new Map<string, Item[]>();
  const byId = new Map(layers.flat().map((item) => [item.id, item]));
  for (const chain of chains.values()) {
    for (let index = 1; index < chain.length; index += 1) {
      const upper = byId.get(chain[index - 1]!)!;
      const lower = byId.get(chain[index]!)!;
      parents.set(lower.id, [...(parents.get(lower.id) ?? []), upper]);
      children.set(upper.id, [...(children.get(upper.id) ?? []), lower]);
    }
  }
  for (const layer of layers)
    packLayer(
      layer,
      layer.map(() => 0),
    );
  const centre = (item: Item) => item.x + item.width / 2;
  const align = (layer: Item[], neighbours: Map<string, Item[]>) => {
    const desired = layer.map((item) => {
      const near = neighbours.get(item.id) ?? [];
      return near.length > 0
        ? near.reduce((sum, other) => sum + centre(other), 0) / near.length
        : centre(item);
    });
    packLayer(layer, desired);
  };
  for (let round = 0; round < 6; round += 1) {
    for (const layer of layers.slice(1)) align(layer, parents);
    for (const layer of layers.slice(0, -1).reverse()) align(layer, children);
  }
  for (const layer of layers.slice(1)) align(layer, parents);
}

/** Puts each item's centre as near its desired centre as order and spacing allow. */
function packLayer(layer: Item[], desired: number[]): void {
  interface Block {
    first: number;
    last: number;
    /** Sum of (desired centre - offset from the block's first centre) and count, for the mean. */
    sum: number;
    count: number;
    centre: number;
  }
  const offsets: number[] = [];
  const blocks: Block[] = [];
  for (let index = 0; index < layer.length; index += 1) {
    const block: Block = {
      first: index,
      last: index,
      sum: desired[index]!,
      count: 1,
      centre: desired[index]!,
    };
    offsets[index] = 0;
    blocks.push(block);
    for (;;) {
      const previous = blocks.at(-2);
      const current = blocks.at(-1)!;
      if (!previous) break;
      const previousRight = previous.centre + offsets[previous.last]! + layer[previous.last]!.width / 2;
      const currentLeft = current.centre - layer[current.first]!.width / 2;
      if (previousRight + NODE_GAP <= currentLeft) break;
      // Merge: the current block's items continue the previous block's run.
      const shift =
        offsets[previous.last]! +
        layer[previous.last]!.width / 2 +
        NODE_GAP +
        layer[current.first]!.width / 2;
      for (let k = current.first; k <= current.last; k += 1) {
        offsets[k] = offsets[k]! + shift;
        previous.sum += desired[k]! - offsets[k]!;
      }
      previous.count += current.count;
      previous.last = current.last;
      previous.centre = previous.sum / previous.count;
      blocks.pop();
    }
  }
  for (const block of blocks) {
    for (let k = block.first; k <= block.last; k += 1) {
      layer[k]!.x = block.centre + offsets[k]! - layer[k]!.width / 2;
    }
  }
}
