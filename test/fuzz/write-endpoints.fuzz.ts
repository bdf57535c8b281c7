import fc from 'fast-check';
import { DataSource } from 'typeorm';
import { BETTER_CARE_TOGETHER, BETTER_CARE_TOGETHER_STEPS, FIVE_YEAR_PLAN } from '../../src/demo/demo-programmes';
import { changedTables, snapshotTables } from '../support/table-snapshot';
import { TestApp, TestResponse, startTestApp } from '../support/test-app';
import { GeneratedRequest, Pick, Raw, resolvePicks, writeEndpoints, writeRequests } from './openapi-requests';

// The fuzz run (npm run fuzz, npm run fuzz:pg; see docs/testing.md): FUZZ_RUNS generated write requests over
// every write endpoint in the live OpenAPI document, from FUZZ_SEED, one after another against one
// application. Every answer is below 500; every refusal is problem+json; and no refusal changes any table.
// The same seed and count send the same requests in the same order.

const RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);
const SEED = Number(process.env.FUZZ_SEED ?? 20151130);
const SECONDS = Number(process.env.FUZZ_SECONDS ?? 3600);
/** FUZZ_LOG=1 prints every request and the start of its answer. */
const LOG = process.env.FUZZ_LOG === '1';

interface Failure {
  index: number;
  request: string;
  problem: string;
}

describe(`write endpoints: ${RUNS} generated requests from seed ${SEED}`, () => {
  let t: TestApp;
  let dataSource: DataSource;
  const tokens: Record<string, string> = {};
  /** Tokens the run itself uses: never offered to DELETE /api/admin/tokens/{tokenId}. */
  const protectedTokenIds = new Set<string>();
  const pools: Record<string, string[]> = {};

  /**
   * Ids in the order they first appeared in the run, not sorted: the service makes them at random, so a sorted
   * pool would send the same seed's picks to different programmes and tokens from one run to the next.
   */
  const seen: Record<string, string[]> = { id: [], tokenId: [] };
  const inOrderSeen = (pool: string, ids: string[]) => {
    const current = new Set(ids);
    seen[pool] = [...seen[pool].filter((x) => current.has(x)), ...ids.filter((x) => !seen[pool].includes(x)).sort()];
    return seen[pool];
  };

  async function refreshPools() {
    const programmes = await t.request('GET', '/api/programmes', { token: tokens.admin });
    pools.id = inOrderSeen(
      'id',
      (programmes.body as Array<{ id: string }>).map((p) => p.id),
    );
    const list = await t.request('GET', '/api/admin/tokens', { token: tokens.admin });
    pools.tokenId = inOrderSeen(
      'tokenId',
      (list.body as Array<{ id: string }>).map((x) => x.id).filter((x) => !protectedTokenIds.has(x)),
    );
  }

  beforeAll(async () => {
    // Thousands of requests from one address, some with a bogus token on purpose: the request limit and
    // the bearer back-off would turn the rest of the run into 429s that test nothing. Both are tested
    // in test/e2e/rate-limits*.test.ts; here the limit is out of reach and the back-off off.
    t = await startTestApp({
      now: '2015-10-27T09:00:00Z',
      env: { RATE_LIMIT_MAX: '1000000000', BEARER_FAILURES_BEFORE_BACK_OFF: '0' },
    });
    dataSource = t.get(DataSource);
    tokens.admin = t.adminToken;
    tokens.partnerships = await t.tokenFor('partnerships');
    tokens.bogus = 'cg_not-a-token-at-all';
    const existing = await t.request('GET', '/api/admin/tokens', { token: tokens.admin });
    for (const token of existing.body as Array<{ id: string }>) protectedTokenIds.add(token.id);

    // Programmes at different stages, so that well-formed requests reach the workflow rules.
    const bct = (await t.request('POST', '/api/programmes', { token: tokens.admin, body: BETTER_CARE_TOGETHER })).body;
    for (const step of BETTER_CARE_TOGETHER_STEPS) {
      const path = `/api/programmes/${bct.id}/gates/${step.gateId}`;
      if (step.complete) await t.request('POST', `${path}/complete`, { token: tokens.admin, body: step.complete });
      if (step.decision) await t.request('POST', `${path}/decisions`, { token: tokens.admin, body: step.decision });
    }
    const second = (await t.request('POST', '/api/programmes', { token: tokens.admin, body: BETTER_CARE_TOGETHER }))
      .body;
    const third = (await t.request('POST', '/api/programmes', { token: tokens.admin, body: FIVE_YEAR_PLAN })).body;
    seen.id = [bct.id, second.id, third.id];
    await refreshPools();
  }, 120_000);
  afterAll(() => t?.close());

  it(
    'never answers 5xx, refuses only with problem+json, and changes nothing when it refuses',
    async () => {
      const doc = (await t.request('GET', '/api/docs/openapi.json')).body;
      const endpoints = writeEndpoints(doc);
      expect(endpoints.length).toBeGreaterThan(5);

      const workflows = (await t.request('GET', '/api/workflows?all=true')).body as Array<{
        id: string;
        version: number;
      }>;
      const definitions = await Promise.all(
        workflows.map(async (w) => (await t.request('GET', `/api/workflows/${w.id}?version=${w.version}`)).body),
      );
      const gateIds = [...new Set(definitions.flatMap((d) => d.gates.map((g: { id: string }) => g.id)))].sort();
      const items = definitions.flatMap((d) =>
        d.gates.flatMap((g: { evidence: Array<{ id: string }> }) => g.evidence.map((e) => e.id)),
      );
      const parties = [
        ...BETTER_CARE_TOGETHER.gates['partner-approvals'].parties!,
        ...(BETTER_CARE_TOGETHER.gates['nhse-assurance']?.parties ?? []),
      ].map((p) => p.id);
      pools.gateId = gateIds;
      const vocabulary = {
        slugs: [...new Set([...parties, ...items, ...gateIds, ...workflows.map((w) => w.id)])].sort(),
        fromDate: '2015-06-01',
        toDate: '2016-03-31',
      };

      const requests = fc.sample(writeRequests(endpoints, vocabulary), { seed: SEED, numRuns: RUNS });
      const failures: Failure[] = [];
      const statuses = new Map<number, number>();
      const started = Date.now();
      let before = await snapshotTables(dataSource);
      let sent = 0;

      for (const [index, generated] of requests.entries()) {
        if ((Date.now() - started) / 1000 > SECONDS) break;
        const endpoint = endpoints[generated.endpoint];
        const { url, options, describe: described } = build(endpoint.method, endpoint.path, generated);
        const res = await t.request(endpoint.method, url, options);
        sent++;
        if (LOG) process.stdout.write(`${index} ${res.status} ${described}\n  -> ${res.text.slice(0, 200)}\n`);
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        const fail = (problem: string) => failures.push({ index, request: described, problem });

        if (res.status >= 500) fail(`answered ${res.status}: ${res.text.slice(0, 300)}`);
        else if (res.status >= 300 && res.status < 400) fail(`answered ${res.status}, a redirect`);
        if (res.status >= 400) {
          const problemError = problemShape(res);
          if (problemError) fail(problemError);
          const after = await snapshotTables(dataSource);
          const changed = changedTables(before, after);
          if (changed.length) fail(`refused with ${res.status} but changed ${changed.join(', ')}`);
          before = after;
        } else {
          await refreshPools();
          before = await snapshotTables(dataSource);
        }
      }

      const seconds = (Date.now() - started) / 1000;
      const summary = [...statuses.entries()].sort(([a], [b]) => a - b).map(([s, n]) => `${s}: ${n}`);
      process.stdout.write(
        `fuzz: ${sent} requests (seed ${SEED}) over ${endpoints.length} write endpoints in ${seconds.toFixed(1)} s; ${summary.join(', ')}\n`,
      );
      expect(failures.slice(0, 20)).toEqual([]);
      if (sent < RUNS) {
        throw new Error(
          `stopped after ${sent} of ${RUNS} requests at the ${SECONDS} s limit: raise FUZZ_SECONDS or lower FUZZ_RUNS`,
        );
      }
    },
    (SECONDS + 300) * 1000,
  );

  function build(method: string, template: string, generated: GeneratedRequest) {
    const path = template.replace(/\{([^}]+)\}/g, (_m, name: string) => {
      const value = generated.params[name];
      if (value instanceof Raw) return value.segment;
      return encodeURIComponent(String(resolvePicks(value as Pick | string, pools)));
    });
    const token = generated.token === 'none' ? undefined : tokens[generated.token];
    const payload = generated.payload;
    const options =
      payload.kind === 'json'
        ? { token, body: resolvePicks(payload.value, pools) }
        : payload.kind === 'raw'
          ? { token, raw: payload.text, headers: { 'content-type': payload.contentType } }
          : { token };
    const body =
      'body' in options
        ? JSON.stringify(options.body)
        : 'raw' in options
          ? `${payload.kind === 'raw' ? payload.contentType : ''} ${options.raw}`
          : '';
    return {
      url: path,
      options,
      describe: `${method} ${path} as ${generated.token}: ${(body ?? '').slice(0, 300)}`,
    };
  }
});

function problemShape(res: TestResponse): string | undefined {
  if (!String(res.headers['content-type'] ?? '').includes('application/problem+json')) {
    return `refused with ${res.status} as ${String(res.headers['content-type'])}: ${res.text.slice(0, 200)}`;
  }
  const body = res.body as Record<string, unknown>;
  if (
    typeof body?.type !== 'string' ||
    typeof body.title !== 'string' ||
    body.status !== res.status ||
    typeof body.detail !== 'string'
  ) {
    return `problem document without type, title, status ${res.status} and detail: ${res.text.slice(0, 200)}`;
  }
  return undefined;
}
