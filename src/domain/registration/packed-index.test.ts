import { expect } from 'chai';
import fc from 'fast-check';
import { packIndex } from './packed-index.js';

describe('packIndex', () => {
  it('files every index under its key, ascending, as grouping into arrays does', () => {
    fc.assert(
      fc.property(fc.array(fc.option(fc.constantFrom('a', 'b', 'c', 'ä', ''), { nil: null })), (keys) => {
        const packed = packIndex(keys.length, (i) => keys[i]!);
        const expected = new Map<string, number[]>();
        keys.forEach((k, i) => k !== null && expected.set(k, [...(expected.get(k) ?? []), i]));
        expect(packed.size).to.equal(expected.size);
        expect([...packed.keys()]).to.deep.equal([...expected.keys()]);
        for (const [k, list] of expected) expect([...packed.get(k)!]).to.deep.equal(list);
        expect(packed.get('not a key')).to.equal(undefined);
      }),
    );
  });
});
