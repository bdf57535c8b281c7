import { TestApp } from './test-app';

/** A browser's view of a page session: the cookie to send back and the CSRF token its forms carry. */
export interface PageSession {
  cookie: string;
  csrfToken: string;
}

export const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

/** The `name=value` pairs of a response's Set-Cookie headers. */
export function setCookies(headers: Record<string, unknown>): Record<string, { value: string; attributes: string }> {
  const raw = headers['set-cookie'];
  const list = Array.isArray(raw) ? raw : raw ? [String(raw)] : [];
  return Object.fromEntries(
    list.map((line: string) => {
      const [pair, ...attributes] = line.split(';');
      const eq = pair.indexOf('=');
      return [pair.slice(0, eq).trim(), { value: pair.slice(eq + 1), attributes: attributes.join(';').trim() }];
    }),
  );
}

/** Signs in through the sign-in form with an API token, as a browser would, and reads the CSRF token off `/`. */
export async function signInWithToken(t: TestApp, token: string): Promise<PageSession> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/login',
    headers: FORM,
    payload: new URLSearchParams({ token }).toString(),
  });
  if (res.statusCode !== 303) throw new Error(`sign-in answered ${res.statusCode}: ${res.body.slice(0, 300)}`);
  const cookie = `cg_session=${setCookies(res.headers).cg_session.value}`;
  const home = await t.app.inject({ method: 'GET', url: '/', headers: { cookie } });
  return { cookie, csrfToken: csrfTokenIn(home.body) };
}

/** The value of the first hidden `_csrf` field in a page. */
export function csrfTokenIn(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match) throw new Error('no _csrf field in the page');
  return match[1];
}
