// The test host keeps the screen subsets it cut: the same face and characters, in any order, give
// the same font without cutting it again.
import { describe, expect, it } from 'vitest';
import { nodeServices } from '../../../electron/services/api-services';
import { roleFaces } from '../../../electron/services/fonts';

describe('screen subsets without a cache folder', () => {
  it('are cut once per face and set of characters', () => {
    const services = nodeServices({});
    const face = Object.values(roleFaces())[0].face;
    const cps = [...'区内各街镇将分批组织'].map((c) => c.codePointAt(0)!);
    const first = services.screenSubset(face, cps);
    expect(first?.bytes.length).toBeGreaterThan(1000);
    expect(services.screenSubset(face, [...cps].reverse().concat(cps[0]))).toBe(first);
    const other = services.screenSubset(face, cps.slice(1));
    expect(other).not.toBe(first);
    expect(other?.codePoints).toEqual([...first!.codePoints].filter((cp) => cp !== cps[0]));
  });
});
