// Checks the built bundle as a new user meets it, for .ci/run after `npm run build`: the service
// started as `npm start` starts it (dist/bundle/main.js, demo data on a fresh SQLite file) answers
// ready, serves the sign-in page, its stylesheet, the dashboard and a programme page, the OpenAPI
// document and a PDF and a workbook (libraries required from node_modules on first use), and
// stops cleanly on SIGTERM; the CLI bundle verifies the audit chains and runs the reminders
// (nodemailer) on the same file; the code cache is the one made for this bundle and V8 takes it.
// The tests run from the sources, so this is what fails when the bundle is broken.
'use strict';

const assert = require('node:assert/strict');
const { execFileSync, spawn } = require('node:child_process');
const { createHash } = require('node:crypto');
const { mkdtempSync, readFileSync, rmSync } = require('node:fs');
const Module = require('node:module');
const { freePort } = require('./bundle');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const vm = require('node:vm');

const ROOT = join(__dirname, '..');
const BUNDLE_DIR = join(ROOT, 'dist/bundle');
const ADMIN_TOKEN = 'bundle-check-admin-token-0123456789';

const checks = [];
async function check(name, run) {
  try {
    await run();
    checks.push({ name, ok: true });
    console.log(`ok      ${name}`);
  } catch (error) {
    checks.push({ name, ok: false });
    console.log(`FAILED  ${name}: ${error.message}`);
  }
}

async function main() {
  const data = mkdtempSync(join(tmpdir(), 'cg-bundle-check-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env = {
    PATH: process.env.PATH,
    TZ: 'UTC',
    DATABASE_URL: `sqlite:${join(data, 'check.sqlite')}`,
    MAIL_DIR: join(data, 'mail'),
    REMINDERS_CRON_ENABLED: 'false',
    APP_NOW: '2015-10-27T09:00:00Z',
  };
  const server = spawn(process.execPath, [join(BUNDLE_DIR, 'main.js')], {
    cwd: ROOT,
    env: { ...env, PORT: String(port), BOOTSTRAP_ADMIN_TOKEN: ADMIN_TOKEN, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  server.stdout.on('data', (chunk) => (output += chunk));
  server.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise((resolve) => server.once('exit', (code, signal) => resolve({ code, signal })));
  const auth = { authorization: `Bearer ${ADMIN_TOKEN}` };
  try {
    await check('the service answers ready', async () => {
      const deadline = Date.now() + 60_000;
      for (;;) {
        if (server.exitCode !== null) throw new Error(`exited with ${server.exitCode}:\n${output}`);
        const status = await fetch(`${base}/api/health/ready`).then(
          (r) => r.status,
          () => 0,
        );
        if (status === 200) return;
        if (Date.now() > deadline) throw new Error(`not ready after 60 s:\n${output}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    });
    let stylesheet;
    await check('the sign-in page renders (nunjucks, templates from src/web/views)', async () => {
      const page = await text(`${base}/login`);
      assert.match(page, /<title>Sign in/);
      stylesheet = /href="(\/assets\/[^"]+\.css)"/.exec(page)?.[1];
      assert.ok(stylesheet, 'no stylesheet linked');
    });
    await check('nhsuk-frontend and our assets are served', async () => {
      assert.match(await text(`${base}${stylesheet}`), /\.nhsuk-/);
      assert.match(await text(`${base}/assets/app/app.css`), /\S/);
    });
    let cookie;
    await check('signing in with the token starts a session', async () => {
      const response = await fetch(`${base}/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: `token=${encodeURIComponent(ADMIN_TOKEN)}`,
        redirect: 'manual',
      });
      assert.equal(response.status, 303);
      cookie = response.headers
        .getSetCookie()
        .map((c) => c.split(';')[0])
        .join('; ');
      assert.ok(cookie, 'no session cookie');
    });
    let programmeId;
    await check('the dashboard lists the demo programmes, and one programme page renders', async () => {
      const page = await text(`${base}/`, { cookie });
      programmeId = /href="\/programmes\/([0-9a-f-]{36})"/.exec(page)?.[1];
      assert.ok(programmeId, 'no programme on the dashboard');
      assert.match(await text(`${base}/programmes/${programmeId}`, { cookie }), /<title>Better Care Together/);
    });
    await check('/api/docs/openapi.json (@nestjs/swagger, loaded on first use)', async () => {
      const document = JSON.parse(await text(`${base}/api/docs/openapi.json`));
      assert.equal(document.info.title, 'Consultation Gates');
      assert.ok(Object.keys(document.paths).length > 40);
    });
    await check('a highlight report as PDF (pdfkit) and a workbook (exceljs)', async () => {
      const pdf = await bytes(`${base}/api/programmes/${programmeId}/report?format=pdf`, auth);
      assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
      const xlsx = await bytes(`${base}/api/programmes/${programmeId}/export.xlsx`, auth);
      assert.equal(xlsx.subarray(0, 2).toString(), 'PK');
    });
    await check('the CLI bundle: audit verify, reminders run (nodemailer)', async () => {
      const cli = (args) => execFileSync(process.execPath, [join(BUNDLE_DIR, 'cli.js'), ...args], { cwd: ROOT, env });
      assert.match(cli(['audit', 'verify']).toString(), /Every audit chain is intact/);
      const run = JSON.parse(cli(['reminders', 'run', '--json']).toString());
      assert.equal(run.failed, 0);
      assert.ok(run.sent > 0, 'no reminder sent');
    });
    await check('SIGTERM stops the service with exit code 0', async () => {
      server.kill('SIGTERM');
      assert.deepEqual(await exited, { code: 0, signal: null });
    });
  } finally {
    if (server.exitCode === null && server.signalCode === null) server.kill('SIGKILL');
    rmSync(data, { recursive: true, force: true });
  }
  await check('the code cache is made for this bundle and V8 accepts it', () => {
    const bundle = readFileSync(join(BUNDLE_DIR, 'service.js'));
    const cache = readFileSync(join(BUNDLE_DIR, 'service.js.cache'));
    assert.ok(createHash('sha256').update(bundle).digest().equals(cache.subarray(0, 32)), 'made for another bundle');
    const script = new vm.Script(Module.wrap(bundle.toString('utf8')), {
      filename: join(BUNDLE_DIR, 'service.js'),
      cachedData: cache.subarray(32),
    });
    assert.equal(script.cachedDataRejected, false);
  });

  const failed = checks.filter((c) => !c.ok).length;
  console.log(`bundle: ${checks.length - failed} passed, ${failed} failed`);
  process.exitCode = failed ? 1 : 0;
}

async function text(url, headers = {}) {
  return (await bytes(url, headers)).toString('utf8');
}

async function bytes(url, headers = {}) {
  const response = await fetch(url, { headers });
  if (response.status !== 200) throw new Error(`${url}: ${response.status}`);
  return Buffer.from(await response.arrayBuffer());
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
