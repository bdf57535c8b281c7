import type { FastifyReply } from 'fastify';

/** Renders a page template and sends it; the actor and CSRF token come from reply.locals (AuthGuard). */
export async function renderPage(
  reply: FastifyReply,
  view: string,
  data: Record<string, unknown> = {},
  status = 200,
): Promise<void> {
  const html = await reply.viewAsync(view, data);
  await reply.status(status).type('text/html; charset=utf-8').send(html);
}

/** Where to go after signing in: a path on this site only, never another origin. */
export function safeNext(next: unknown): string {
  if (typeof next !== 'string' || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  if (/\p{Cc}/u.test(next) || next.length > 500) return '/';
  return next;
}

/** True when the client asked for JSON rather than a page (scripts posting the sign-in form). */
export function wantsJson(accept: string | undefined): boolean {
  return !!accept && /json/.test(accept) && !/text\/html/.test(accept);
}
