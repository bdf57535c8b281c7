// The little of oidc-provider that test/e2e/oidc.test.ts uses (the package ships no types).
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  interface Account {
    accountId: string;
    claims(): Promise<Record<string, unknown>>;
  }

  export default class Provider {
    constructor(
      issuer: string,
      configuration: {
        clients: Array<Record<string, unknown>>;
        claims?: Record<string, string[]>;
        findAccount?: (ctx: unknown, id: string) => Promise<Account | undefined>;
        cookies?: { keys: string[] };
        jwks?: { keys: unknown[] };
        ttl?: Record<string, number>;
        features?: Record<string, { enabled: boolean }>;
      },
    );
    callback(): (req: IncomingMessage, res: ServerResponse) => void;
  }
}
