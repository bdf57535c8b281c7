// Drives HTTP load from its own process, so the load generator does not share the event
// loop (or the core) of the server it measures. Reads a JSON spec file named on the command
// line and prints one JSON result line.
import autocannon from 'autocannon';
import { readFileSync } from 'node:fs';
import type { LoadSpec as Spec } from './load';

async function main() {
  const spec = JSON.parse(readFileSync(process.argv[2], 'utf8')) as Spec;
  const { ids } = spec;
  const auth: Record<string, string> = spec.token ? { authorization: `Bearer ${spec.token}` } : {};
  let n = 0;
  const request: autocannon.Request =
    spec.mode === 'decisions' || spec.mode === 'bare-decisions'
      ? {
          method: 'POST',
          setupRequest: (req) => {
            const i = n++;
            return {
              ...req,
              method: 'POST',
              path:
                spec.mode === 'decisions'
                  ? `/api/programmes/${ids[i % ids.length]}/gates/partner-approvals/decisions`
                  : `/bare/${ids[i % ids.length]}/decisions`,
              headers: { ...auth, 'content-type': 'application/json' },
              // Alternating deferred / not-approved: the gate never completes, every one lands.
              body: JSON.stringify({
                partyId: 'leicester-city-ccg',
                decision: i % 2 ? 'deferred' : 'not-approved',
                decidedOn: '2015-10-26',
              }),
            };
          },
        }
      : spec.mode === 'what-if'
        ? {
            method: 'POST',
            setupRequest: (req) => ({
              ...req,
              method: 'POST',
              path: `/api/programmes/${ids[n++ % ids.length]}/what-if`,
              headers: { ...auth, 'content-type': 'application/json' },
              body: JSON.stringify(spec.body),
            }),
          }
        : {
            setupRequest: (req) => ({
              ...req,
              headers: auth,
              path:
                spec.mode === 'bare' ? `/bare/${ids[n++ % ids.length]}` : `/api/programmes/${ids[n++ % ids.length]}`,
            }),
          };
  const result = await autocannon({
    url: spec.base,
    connections: spec.connections,
    duration: spec.seconds,
    requests: [request],
  });
  process.stdout.write(
    `${JSON.stringify({ rps: result.requests.average, requests: result.requests.total, p99: result.latency.p99, errors: result.errors, non2xx: result.non2xx })}\n`,
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
