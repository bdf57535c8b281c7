import { Logger } from '@nestjs/common';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { SendMailOptions, Transporter } from 'nodemailer';
import { displayName, headerText } from './mail-headers';
import { MailSendError, MailTransport, OutgoingMail, classifySendError } from './mail-transport';

type TransportOptions = Parameters<typeof import('nodemailer').createTransport>[0];

/** nodemailer loads with the first message, not at start-up: most starts send none. */
function createTransport(options: TransportOptions): Transporter {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, not at start-up
  return (require('nodemailer') as typeof import('nodemailer')).createTransport(options);
}

/** The message as nodemailer builds it, the same for SMTP and for files. */
function composed(mail: OutgoingMail, from: string): SendMailOptions {
  return {
    from: headerText(from),
    to: { name: displayName(mail.to.name), address: mail.to.address },
    subject: headerText(mail.subject),
    text: mail.text,
    html: mail.html,
    messageId: mail.messageId,
    date: mail.date,
    ...(mail.attachments?.length ? { attachments: mail.attachments } : {}),
    headers: {
      // Automatic mail (RFC 3834): out-of-office replies are not sent back to it...
      'Auto-Submitted': 'auto-generated',
      // ...and Exchange, which most NHS mail runs on, suppresses its own auto-responses.
      'X-Auto-Response-Suppress': 'All',
    },
  };
}

/** SMTP from SMTP_URL: smtp:// (STARTTLS when offered), smtps:// (TLS), user:pass@ for authentication. */
export class SmtpMailTransport extends MailTransport {
  readonly description: string;
  private pool: Transporter | undefined;

  constructor(
    private readonly url: string,
    private readonly from: string,
  ) {
    super();
    const parsed = new URL(url);
    this.description = `SMTP ${parsed.protocol}//${parsed.host}${parsed.username ? ' (authenticated)' : ''}`;
  }

  private get transporter(): Transporter {
    // One pooled connection, reused across messages; the URL's own settings (e.g.
    // ?tls.rejectUnauthorized=false for a test server) win over these defaults.
    this.pool ??= createTransport({
      url: this.url,
      pool: true,
      maxConnections: 1,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 60_000,
    } as unknown as TransportOptions);
    return this.pool;
  }

  async send(mail: OutgoingMail): Promise<{ response: string }> {
    try {
      const info = (await this.transporter.sendMail(composed(mail, this.from))) as { response?: string };
      return { response: String(info.response ?? 'accepted') };
    } catch (error) {
      throw classifySendError(error);
    }
  }

  override async close(): Promise<void> {
    this.pool?.close();
  }
}

/**
 * Without an SMTP server, each message becomes an .eml file (open it in any mail client) and a
 * log line. The file is named after the Message-ID, so writing a message twice leaves one file.
 */
export class EmlFileMailTransport extends MailTransport {
  readonly description: string;
  private readonly logger = new Logger(EmlFileMailTransport.name);
  private readonly dir: string;
  private builder: Transporter | undefined;

  constructor(
    dir: string,
    private readonly from: string,
  ) {
    super();
    this.dir = resolve(dir);
    this.description = `files in ${this.dir}`;
  }

  private get transporter(): Transporter {
    this.builder ??= createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
    return this.builder;
  }

  async send(mail: OutgoingMail): Promise<{ response: string }> {
    let raw: Buffer;
    try {
      raw = ((await this.transporter.sendMail(composed(mail, this.from))) as unknown as { message: Buffer }).message;
    } catch (error) {
      throw new MailSendError(`could not build the message: ${(error as Error).message}`, true, false);
    }
    const name = mail.messageId.replace(/^<|@.*$/g, '').replace(/[^A-Za-z0-9._-]/g, '_');
    const file = join(this.dir, `${name}.eml`);
    try {
      mkdirSync(this.dir, { recursive: true });
      writeFileSync(`${file}.tmp`, raw);
      renameSync(`${file}.tmp`, file); // a reader never sees half a message
    } catch (error) {
      throw new MailSendError(`could not write ${file}: ${(error as Error).message}`, false, true);
    }
    this.logger.log(`mail to ${mail.to.address} written to ${file}: ${headerText(mail.subject)}`);
    return { response: `written to ${file}` };
  }
}
