export const ROLES = ['admin', 'sro', 'partnerships', 'owner', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/** The person behind a request, as the audit log names them. */
export interface Actor {
  personId: string;
  name: string;
  email: string;
  role: Role;
  /** A token limited to one programme; null for every programme. */
  programmeId: string | null;
  /** The token behind the request or the session; null for a session from an SSO default role. */
  tokenId: string | null;
  /** A bearer token on this request, or a browser session (cookie). */
  via: 'token' | 'session';
}

export function actorLabel(actor: Pick<Actor, 'name' | 'email'>): string {
  return `${actor.name} <${actor.email}>`;
}

export const SYSTEM_ACTOR = 'system';
