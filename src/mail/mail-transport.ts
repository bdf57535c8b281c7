/** A message ready to go: built from an outbox row. */
export interface OutgoingMail {
  messageId: string;
  to: { name: string; address: string };
  subject: string;
  text: string;
  html: string;
  /** The Date header: the service clock's now, so a frozen clock gives consistent mail. */
  date: Date;
  attachments?: Array<{ filename: string; contentType: string; content: Buffer }>;
}

/**
 * Where mail leaves the service: SMTP when SMTP_URL is set, otherwise .eml files under
 * MAIL_DIR. Chosen once from the configuration (MailModule); tests use the real ones.
 */
export abstract class MailTransport {
  /** For logs and the start-up line: never includes credentials. */
  abstract readonly description: string;

  /** Resolves once the message is accepted; rejects with MailSendError otherwise. */
  abstract send(mail: OutgoingMail): Promise<{ response: string }>;

  async close(): Promise<void> {}
}

export class MailSendError extends Error {
  constructor(
    message: string,
    /** The server refused this message for good (5xx): retrying will not help. */
    readonly permanent: boolean,
    /** The server could not be reached or refused us as a client: no point trying the rest now. */
    readonly unreachable: boolean,
  ) {
    super(message);
  }
}

const UNREACHABLE = new Set([
  'ECONNECTION',
  'ETIMEDOUT',
  'ESOCKET',
  'EDNS',
  'ETLS',
  'EAUTH',
  'ECONNREFUSED',
  'EPROTOCOL',
]);

/** Turns a nodemailer error into a MailSendError that says whether to retry. */
export function classifySendError(error: unknown): MailSendError {
  if (error instanceof MailSendError) return error;
  const e = error as { message?: string; code?: string; responseCode?: number; response?: string };
  const code = e.code ?? '';
  const responseCode = typeof e.responseCode === 'number' ? e.responseCode : undefined;
  const message = `${code ? `${code}: ` : ''}${e.response ?? e.message ?? String(error)}`.slice(0, 1000);
  const unreachable =
    UNREACHABLE.has(code) || (responseCode === undefined && code !== 'EENVELOPE' && code !== 'EMESSAGE');
  const permanent = !unreachable && responseCode !== undefined && responseCode >= 500 && responseCode < 600;
  return new MailSendError(message, permanent, unreachable);
}
