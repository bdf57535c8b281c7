import { readFileSync } from 'node:fs';
import { OPENAPI_FILE, canonicalJson, openApiJson } from '../../scripts/openapi-document';
import { TestApp, startTestApp } from '../support/test-app';

// openapi.json is committed so that clients and reviewers see the contract change in the
// diff. When a controller changes, this fails until the file is regenerated.
describe('openapi.json', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(async () => {
    await t?.close();
  });

  it('matches the document the controllers describe', () => {
    const generated = openApiJson(t.app);
    const committed = readFileSync(OPENAPI_FILE, 'utf8');
    if (generated !== committed)
      throw new Error(`openapi.json is out of date: run npm run openapi\n${summary(committed, generated)}`);
  });

  it('is what /api/docs/openapi.json serves', async () => {
    const served = await t.request('GET', '/api/docs/openapi.json');
    expect(canonicalJson(served.body)).toBe(openApiJson(t.app));
  });
});

/** Which operations were added, removed or changed, so the failure says where to look. */
function summary(committedText: string, generatedText: string): string {
  const operations = (text: string): Map<string, string> => {
    const doc = JSON.parse(text) as { paths?: Record<string, Record<string, unknown>> };
    const map = new Map<string, string>();
    for (const [path, item] of Object.entries(doc.paths ?? {})) {
      for (const [method, op] of Object.entries(item)) map.set(`${method.toUpperCase()} ${path}`, JSON.stringify(op));
    }
    return map;
  };
  let before: Map<string, string>;
  try {
    before = operations(committedText);
  } catch {
    return '  (the committed file is not valid JSON)';
  }
  const after = operations(generatedText);
  const lines: string[] = [];
  for (const key of after.keys()) if (!before.has(key)) lines.push(`  + ${key}`);
  for (const key of before.keys()) if (!after.has(key)) lines.push(`  - ${key}`);
  for (const [key, op] of after) if (before.has(key) && before.get(key) !== op) lines.push(`  ~ ${key}`);
  return lines.length ? lines.join('\n') : '  (schemas or document metadata changed)';
}
