import fc from 'fast-check';
import { configureBundle } from '../../src/modules/configuration/index.ts';
import { laptopCatalog } from './laptop-catalog.ts';

const OPTIONS = ['mem16', 'mem32', 'dock', 'bag', 'warranty'];

describe('configuration engine properties', () => {
  test('deterministic and independent of the order the rep picked options in', () => {
    fc.assert(
      fc.property(fc.subarray(OPTIONS), fc.integer({ min: 0, max: 1000 }), (picked, seed) => {
        const shuffled = [...picked].sort((a, b) => ((a.charCodeAt(0) * seed) % 7) - ((b.charCodeAt(0) * seed) % 7));
        const run = (ids: string[]) =>
          configureBundle(laptopCatalog(), { bundleSku: 'LAPTOP', options: ids.map((option) => ({ option })) });
        expect(run(shuffled)).toEqual(run(picked));
        expect(run(picked)).toEqual(run(picked));
      }),
      { numRuns: 200 },
    );
  });

  test('every option line points at a line of the same configuration, and required options of selected parents are present', () => {
    fc.assert(
      fc.property(fc.subarray(OPTIONS), (picked) => {
        const result = configureBundle(laptopCatalog(), {
          bundleSku: 'LAPTOP',
          options: picked.map((option) => ({ option })),
        });
        const ids = new Set(result.lines.map((line) => line.id));
        for (const line of result.lines) if (line.parentLineId !== null) expect(ids.has(line.parentLineId)).toBe(true);
        if (ids.has('bundle/dock')) expect(ids.has('bundle/dock/cable')).toBe(true);
      }),
      { numRuns: 100 },
    );
  });
});
