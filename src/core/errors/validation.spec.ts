import fc from 'fast-check';
import { findUnstorableText, isStorableText, line, slug, text } from './validation';

const NUL = '\u0000';
const HIGH = fc.integer({ min: 0xd800, max: 0xdbff }).map((c) => String.fromCharCode(c));
const LOW = fc.integer({ min: 0xdc00, max: 0xdfff }).map((c) => String.fromCharCode(c));
const wellFormed = fc.string({ unit: 'grapheme' }).filter((s) => !s.includes(NUL));

describe('storable text', () => {
  it('accepts any well-formed text without NUL, emoji (surrogate pairs) included', () => {
    fc.assert(fc.property(wellFormed, (s) => expect(isStorableText(s)).toBe(true)));
    expect(isStorableText('Leicester 🏥 board')).toBe(true);
  });

  it('refuses a NUL or a lone surrogate half anywhere in the text', () => {
    fc.assert(
      fc.property(wellFormed, wellFormed, fc.oneof(fc.constant(NUL), HIGH, LOW), (before, after, bad) => {
        // A high half followed by a low half is a pair, which is fine: keep the bad half alone.
        fc.pre(!(/[\uD800-\uDBFF]/.test(bad) && /^[\uDC00-\uDFFF]/.test(after)));
        fc.pre(!(/[\uDC00-\uDFFF]/.test(bad) && /[\uD800-\uDBFF]$/.test(before)));
        expect(isStorableText(before + bad + after)).toBe(false);
      }),
    );
  });

  it('every shared field schema refuses it with the same message', () => {
    for (const schema of [text(), line(200), slug]) {
      const result = schema.safeParse(`board${NUL}`);
      expect(result.success).toBe(false);
      expect(result.error?.issues[0].message).toMatch(/NUL characters or unpaired surrogate halves/);
    }
  });

  it('finds the first unstorable string or key, by its path', () => {
    expect(findUnstorableText({ a: 'ok', b: ['fine', `x${NUL}`] })).toBe('b.1');
    expect(findUnstorableText({ gates: { ['\uD800']: {} } })).toBe('gates.\uD800');
    expect(findUnstorableText('\uDC00')).toBe('');
    expect(findUnstorableText({ a: 1, b: null, c: ['ok', { d: 'ok' }] })).toBeUndefined();
  });
});
