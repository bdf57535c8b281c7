import fc from 'fast-check';
import { findUnstorableText, isRealDate, isStorableText, line, slug, text } from './validation';

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

describe('isRealDate', () => {
  // The calendar as Date.UTC keeps it, the oracle: a date is real when it comes back as it went in.
  const oracle = (y: number, m: number, d: number) => {
    const date = new Date(Date.UTC(y, m - 1, d));
    return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
  };
  const pad = (n: number, width: number) => String(n).padStart(width, '0');

  it('agrees with the calendar on every YYYY-MM-DD from 1900 to 2199, leap days and month ends included', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1900, max: 2199 }),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 32 }),
        (y, m, d) => expect(isRealDate(`${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`)).toBe(oracle(y, m, d)),
      ),
      { numRuns: 2000 },
    );
    expect(isRealDate('2000-02-29')).toBe(true);
    expect(isRealDate('1900-02-29')).toBe(false);
    expect(isRealDate('2100-02-29')).toBe(false);
    expect(isRealDate('2016-02-29')).toBe(true);
    expect(isRealDate('2015-02-29')).toBe(false);
  });

  it('refuses years outside 1900 to 2199 and anything not shaped YYYY-MM-DD', () => {
    for (const value of [
      '1899-12-31',
      '2200-01-01',
      '2015-1-01',
      '2015-01-1',
      '20150101',
      '2015/01/01',
      'abcd-ef-gh',
      '',
    ]) {
      expect(isRealDate(value)).toBe(false);
    }
  });
});
