import { safeNext, wantsJson } from './page';

describe('safeNext', () => {
  it('keeps paths on this site', () => {
    expect(safeNext('/programmes/abc?tab=gates')).toBe('/programmes/abc?tab=gates');
    expect(safeNext('/')).toBe('/');
  });

  it.each([
    ['another origin', 'https://evil.example/'],
    ['a protocol-relative address', '//evil.example/'],
    ['a backslash that browsers read as a slash', '/\\evil.example'],
    ['a relative path', 'programmes'],
    ['a header-splitting attempt', '/x\r\nSet-Cookie: a=b'],
    ['something that is not text', ['/a']],
    ['nothing', undefined],
  ])('sends %s to /', (_what, next) => {
    expect(safeNext(next)).toBe('/');
  });
});

describe('wantsJson', () => {
  it('is true only when the client asks for JSON and not for a page', () => {
    expect(wantsJson('application/json')).toBe(true);
    expect(wantsJson('application/problem+json, application/json')).toBe(true);
    expect(wantsJson('text/html,application/xhtml+xml,application/json;q=0.9')).toBe(false);
    expect(wantsJson('*/*')).toBe(false);
    expect(wantsJson(undefined)).toBe(false);
  });
});
