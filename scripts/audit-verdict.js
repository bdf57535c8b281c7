// Reads `npm audit --json` on stdin and says what it means, for .ci/run:
//   exit 0  the audit ran and found no high or critical vulnerability in production dependencies
//   exit 1  it found at least one (each is named)
//   exit 3  the audit could not run: the registry was unreachable or refused the audit endpoint
// npm itself exits 1 in both of the last two cases; only the report tells them apart.
'use strict';

let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => (input += chunk));
process.stdin.on('end', () => {
  let report;
  try {
    report = JSON.parse(input);
  } catch {
    console.error(`dependency audit: npm gave no report (${input.trim().slice(0, 200) || 'no output'})`);
    process.exit(3);
  }
  const counts = report.metadata && report.metadata.vulnerabilities;
  if (!counts) {
    const error = report.error || {};
    const why = [report.message, error.code, error.summary].filter(Boolean).join('; ');
    console.error(
      `dependency audit: COULD NOT RUN — the registry did not answer the audit (${why || 'unknown error'})`,
    );
    process.exit(3);
  }
  const serious = Object.values(report.vulnerabilities || {}).filter((v) => ['high', 'critical'].includes(v.severity));
  for (const v of serious) {
    const via = (v.via || []).map((x) => (typeof x === 'string' ? x : x.title || x.url)).join('; ');
    console.error(`  ${v.severity}: ${v.name} ${v.range || ''} — ${via}`);
  }
  const total = counts.total || 0;
  console.log(
    `dependency audit: ${total} known vulnerabilit${total === 1 ? 'y' : 'ies'} in production dependencies ` +
      `(critical ${counts.critical || 0}, high ${counts.high || 0}, moderate ${counts.moderate || 0}, low ${counts.low || 0})`,
  );
  process.exit(serious.length ? 1 : 0);
});
