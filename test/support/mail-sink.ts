import { EventEmitter } from 'node:events';
import { ParsedMail, simpleParser } from 'mailparser';
import { AddressInfo } from 'node:net';
import { SMTPServer, SMTPServerOptions } from 'smtp-server';

// A real SMTP server on loopback that keeps what it receives, for tests that must see the mail
// a person would get: the raw message, its parsed form, and the envelope it came with.

export interface ReceivedMail {
  raw: string;
  parsed: ParsedMail;
  /** The envelope, as the client gave it in MAIL FROM and RCPT TO. */
  envelope: { from: string; to: string[] };
  user?: string;
  secure: boolean;
}

export interface MailSinkOptions {
  /** 'none' (plain text), 'starttls' (offered and upgraded) or 'implicit' (smtps). Default 'none'. */
  tls?: 'none' | 'starttls' | 'implicit';
  /** Require these credentials. */
  auth?: { user: string; pass: string };
  /** Delay, in ms, before accepting the n-th message (0-based) once its data has arrived. */
  holdMs?: (index: number) => number;
  /** Accept the n-th message (0-based) only once this promise settles: the test acts while it waits. */
  holdUntil?: (index: number) => Promise<unknown>;
  /** Refuse a message with an SMTP reply, e.g. { code: 550, message: 'No such user' }. */
  reject?: (mail: { to: string[] }) => { code: number; message: string } | null;
  /** Called as each message's data has fully arrived, before it is accepted. */
  onArrival?: (mail: ReceivedMail, index: number) => void;
}

export interface MailSink {
  port: number;
  /** For SMTP_URL, e.g. smtp://127.0.0.1:2525 or smtps://user:pass@127.0.0.1:2525. */
  url: string;
  received: ReceivedMail[];
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedMail[]>;
  close(): Promise<void>;
}

export async function startMailSink(options: MailSinkOptions = {}, port = 0): Promise<MailSink> {
  const tls = options.tls ?? 'none';
  const received: ReceivedMail[] = [];
  const arrived = new EventEmitter();
  let arrivals = 0;
  const config: SMTPServerOptions = {
    secure: tls === 'implicit',
    authOptional: !options.auth,
    disabledCommands: tls === 'none' ? ['STARTTLS', ...(options.auth ? [] : ['AUTH'])] : [],
    allowInsecureAuth: tls === 'none',
    logger: false,
    closeTimeout: 500,
    onAuth(auth, _session, callback) {
      if (options.auth && auth.username === options.auth.user && auth.password === options.auth.pass) {
        callback(null, { user: auth.username });
      } else {
        callback(new Error('Invalid username or password'));
      }
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const index = arrivals++;
        const raw = Buffer.concat(chunks).toString('utf8');
        const envelope = {
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
        };
        const refusal = options.reject?.({ to: envelope.to });
        simpleParser(raw).then(
          (parsed) => {
            const mail: ReceivedMail = {
              raw,
              parsed,
              envelope,
              user: session.user as string | undefined,
              secure: session.secure,
            };
            options.onArrival?.(mail, index);
            const accept = () => {
              if (refusal) {
                const error = new Error(refusal.message) as Error & { responseCode: number };
                error.responseCode = refusal.code;
                callback(error);
                return;
              }
              received.push(mail);
              arrived.emit('mail');
              callback(null, `Queued as ${index}`);
            };
            const hold = options.holdMs?.(index) ?? 0;
            if (options.holdUntil) void options.holdUntil(index).finally(accept);
            else if (hold > 0) setTimeout(accept, hold);
            else accept();
          },
          (error: Error) => callback(error),
        );
      });
    },
  };
  const server = new SMTPServer(config);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const actualPort = (server.server.address() as AddressInfo).port;
  const credentials = options.auth ? `${options.auth.user}:${options.auth.pass}@` : '';
  // The test server's certificate is self-signed: the client is told to accept it.
  const query = tls === 'none' ? '' : '/?tls.rejectUnauthorized=false';
  const url = `${tls === 'implicit' ? 'smtps' : 'smtp'}://${credentials}127.0.0.1:${actualPort}${query}`;
  return {
    port: actualPort,
    url,
    received,
    // Resolves on the arrival that makes `count`; the timeout only turns a hang into a clear failure.
    async waitFor(count, timeoutMs = 10_000) {
      if (received.length >= count) return received;
      return new Promise<ReceivedMail[]>((resolve, reject) => {
        const check = () => {
          if (received.length < count) return;
          clearTimeout(timer);
          arrived.off('mail', check);
          resolve(received);
        };
        const timer = setTimeout(() => {
          arrived.off('mail', check);
          reject(new Error(`expected ${count} messages, got ${received.length}`));
        }, timeoutMs);
        arrived.on('mail', check);
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
