import { createHash } from 'node:crypto';

// Anything that ends up in a mail header passes through here. Names and titles are already
// refused at input when they hold control characters, and nodemailer encodes headers; this is
// the last line anyway, because a header injection costs far more than a mangled name.

// eslint-disable-next-line no-control-regex -- control and line-separator characters are exactly what is removed
const BREAKS = /[\u0000-\u001f\u007f\u0085\u2028\u2029]+/g;

/** One line of header text: line breaks and control characters become single spaces. */
export function headerText(value: string, max = 300): string {
  const flat = value
    .replace(BREAKS, ' ')
    .replace(/\s{2,}/g, ' ')
    .trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** A display name: header text without the characters that delimit addresses. */
export function displayName(value: string): string {
  return headerText(value, 200)
    .replace(/[<>",;]/g, ' ')
    .replace(/\s{2,}/g, ' ')
    .trim();
}

const ADDRESS =
  /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

/** A plain address (local@domain), nothing that could carry a second recipient or a header. */
export function isSafeAddress(value: string): boolean {
  return value.length <= 254 && ADDRESS.test(value);
}

/** The domain of the sender's address, for Message-IDs; `MAIL_FROM` may be `Name <addr>` or `addr`. */
export function senderDomain(from: string): string {
  const address = /<([^<>]+)>/.exec(from)?.[1] ?? from;
  const domain = address.split('@')[1]?.trim().toLowerCase() ?? '';
  return /^[a-z0-9.-]+$/.test(domain) ? domain : 'consultation-gates.invalid';
}

/**
 * The Message-ID of a message: a hash of its unique key, so every attempt at the same message
 * carries the same id and a receiver can tell a resend from a new message.
 */
export function stableMessageId(key: string, domain: string): string {
  return `<${createHash('sha256').update(key).digest('hex').slice(0, 40)}@${domain}>`;
}
