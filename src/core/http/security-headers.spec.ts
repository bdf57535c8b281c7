import fastifyHelmet from '@fastify/helmet';
import Fastify from 'fastify';
import { HELMET_OPTIONS, registerSecurityHeaders, securityHeaders } from './security-headers';

// The headers worked out once must be the ones @fastify/helmet sets on each request.
describe('security headers', () => {
  const answer = async (register: (app: ReturnType<typeof Fastify>) => Promise<void> | void, url: string) => {
    const app = Fastify();
    await register(app);
    app.get('/page', async () => ({ ok: true }));
    app.get('/fails', async () => {
      throw Object.assign(new Error('no'), { statusCode: 409 });
    });
    const res = await app.inject({ method: 'GET', url });
    await app.close();
    const { date: _d, 'content-length': _l, connection: _c, 'keep-alive': _k, ...headers } = res.headers;
    return headers;
  };

  it.each(['/page', '/fails', '/missing'])('match what @fastify/helmet sends on %s', async (url) => {
    const theirs = await answer((app) => app.register(fastifyHelmet, HELMET_OPTIONS as never), url);
    const ours = await answer((app) => registerSecurityHeaders(app as never), url);
    expect(ours).toEqual(theirs);
  });

  it('include the content security policy for our own files only', () => {
    expect(securityHeaders()['content-security-policy']).toContain("script-src 'self'");
    expect(securityHeaders()['content-security-policy']).not.toContain('upgrade-insecure-requests');
  });
});
