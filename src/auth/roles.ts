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
  tokenId: string;
}

export function actorLabel(actor: Pick<Actor, 'name' | 'email'>): string {
  return `${actor.name} <${actor.email}>`;
}

export const SYSTEM_ACTOR = 'system';
