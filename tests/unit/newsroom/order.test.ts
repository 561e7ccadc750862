import { describe, expect, it } from 'vitest';
import { assignOrders, byOrder } from '../../../newsroom/shared/order';

const sorted = (m: Map<string, number>): string[] =>
  byOrder([...m].map(([key, o]) => ({ key, o }))).map((x) => x.key);

describe('fractional orders', () => {
  it('numbers a new list in its order', () => {
    const o = assignOrders(['a', 'b', 'c'], new Map());
    expect(sorted(o)).toEqual(['a', 'b', 'c']);
  });

  it('a move, an insert at either end or in the middle changes only the moved or new item', () => {
    const start = assignOrders(['a', 'b', 'c', 'd'], new Map());
    for (const next of [
      ['b', 'c', 'a', 'd'],
      ['d', 'a', 'b', 'c'],
      ['a', 'b', 'c', 'd', 'x'],
      ['x', 'a', 'b', 'c', 'd'],
      ['a', 'b', 'x', 'y', 'c', 'd'],
      ['a', 'c'],
    ]) {
      const o = assignOrders(next, start);
      expect(sorted(o)).toEqual(next);
      const changed = next.filter((k) => o.get(k) !== start.get(k));
      expect(changed.length).toBeLessThanOrEqual(next.filter((k) => !start.has(k)).length || 1);
    }
  });

  it('two items given the same place concurrently come out in one order everywhere', () => {
    const start = assignOrders(['a', 'b'], new Map());
    const x = assignOrders(['a', 'x', 'b'], start).get('x')!;
    const y = assignOrders(['a', 'y', 'b'], start).get('y')!;
    expect(x).toBe(y);
    const merged = new Map([...start, ['y', y], ['x', x]]);
    expect(sorted(merged)).toEqual(['a', 'x', 'y', 'b']);
    expect(sorted(new Map([...merged].reverse()))).toEqual(['a', 'x', 'y', 'b']);
  });
});
