/**
 * The e-mail port: what the platform sends to applicants, requesters and
 * reporters (acknowledgments, one-time key retrieval links, status changes).
 * In AWS a message goes through Amazon SES; locally it lands in an outbox that
 * staff can read. Both senders run every message through `checkEmailMessage`
 * first, so no caller can forget it.
 *
 * Messages are plain text only: no HTML means no markup injection, and SES
 * builds the MIME headers itself from `to` and `subject`, which is why those
 * two must be single lines (a CR/LF there is the classic header injection).
 */
import { PlatformError, type FieldIssue } from '../../shared/errors';

export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
  /** why it was sent, for the outbox and the audit log */
  category: string;
  relatedTo?: { type: string; id: string };
}

export interface EmailSender {
  send(message: EmailMessage): Promise<{ messageId: string }>;
}

/** Subjects stay short enough to read in a list (RFC 5322 allows more; nobody needs it). */
export const EMAIL_SUBJECT_MAX_LENGTH = 200;
/**
 * Bodies are short notices. The cap also keeps an outbox item under
 * DynamoDB's 400 KB (at most 3 UTF-8 bytes per UTF-16 code unit).
 */
export const EMAIL_TEXT_MAX_LENGTH = 100_000;
/** RFC 5321 path limits. */
const ADDRESS_MAX_LENGTH = 254;
const LOCAL_PART_MAX_LENGTH = 64;

// A bare address (no display name, no quoted local part, no IP literal, ASCII
// only: SES wants punycode domains). Commas, spaces, angle brackets, quotes and
// semicolons are all refused, so one `to` can never become several recipients.
const LOCAL_PART = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const DOMAIN_LABEL = /^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;
const TOP_LEVEL_LABEL = /^([A-Za-z]{2,63}|xn--[A-Za-z0-9-]{1,59})$/;
/** Categories double as SES message tag values: ASCII letters, digits, `_` and `-` only. */
const CATEGORY = /^[a-z0-9][a-z0-9_-]{0,63}$/;

// Every line break a mail client or a header parser might honour.
const LINE_BREAK = /[\r\n\u0085\u2028\u2029]/;
// C0 and C1 control characters, DEL and the Unicode line separators.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const ANY_CONTROL = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]/;
// The same without TAB and LF (kept in bodies), plus the BOM.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const BODY_CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u2028\u2029\uFEFF]/g;
// Half a surrogate pair cannot be encoded as UTF-8; it becomes U+FFFD, as it would on the wire.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function isValidEmailAddress(address: string): boolean {
  if (address.length === 0 || address.length > ADDRESS_MAX_LENGTH) return false;
  const at = address.lastIndexOf('@');
  if (at < 1) return false;
  const local = address.slice(0, at);
  const labels = address.slice(at + 1).split('.');
  if (local.length > LOCAL_PART_MAX_LENGTH || !LOCAL_PART.test(local)) return false;
  if (labels.length < 2 || !labels.every((label) => DOMAIN_LABEL.test(label))) return false;
  return TOP_LEVEL_LABEL.test(labels[labels.length - 1]!);
}

/** A message the platform refuses to send; a 400 when it reaches a client. */
export class InvalidEmailMessageError extends PlatformError {
  constructor(issues: FieldIssue[]) {
    super(400, 'VALIDATION_FAILED', 'The e-mail message is not valid.', { issues });
    this.name = 'InvalidEmailMessageError';
  }
}

/** Why a transport did not take a message; callers decide whether to retry later. */
export type EmailFailureReason =
  /** The provider refused this message (e.g. SES `MessageRejected`, a bad recipient). */
  | 'rejected'
  /** Sending rate or quota exceeded. */
  | 'throttled'
  /** The sending account or sender identity cannot send right now (suspended, paused, unverified). */
  | 'sender-unavailable'
  /** Anything else: network, provider outage, storage failure. */
  | 'failed';

/**
 * A transport failed to send. The message says which provider error it was,
 * never the provider's text (SES quotes recipient addresses in it); the
 * original error is the `cause`.
 */
export class EmailNotSentError extends Error {
  constructor(
    readonly reason: EmailFailureReason,
    readonly retryable: boolean,
    /** The provider's error name, e.g. `MessageRejected`. */
    readonly providerCode: string,
    options?: { cause?: unknown },
  ) {
    super(`E-mail not sent: ${reason} (${providerCode})`, options);
    this.name = 'EmailNotSentError';
  }
}

/**
 * Validates a message and returns the copy to send: address trimmed, body line
 * endings made LF and control characters removed. Throws
 * `InvalidEmailMessageError` listing every problem.
 */
export function checkEmailMessage(message: EmailMessage): EmailMessage {
  const issues: FieldIssue[] = [];
  const to = message.to.trim();
  if (LINE_BREAK.test(message.to)) issues.push({ path: 'to', message: 'must not contain line breaks' });
  else if (!isValidEmailAddress(to)) issues.push({ path: 'to', message: 'is not a valid e-mail address' });

  if (LINE_BREAK.test(message.subject))
    issues.push({ path: 'subject', message: 'must not contain line breaks' });
  else if (ANY_CONTROL.test(message.subject))
    issues.push({ path: 'subject', message: 'must not contain control characters' });
  else if (message.subject.trim().length === 0) issues.push({ path: 'subject', message: 'is empty' });
  else if (message.subject.length > EMAIL_SUBJECT_MAX_LENGTH)
    issues.push({ path: 'subject', message: `is longer than ${EMAIL_SUBJECT_MAX_LENGTH} characters` });

  const text = normalizeText(message.text);
  if (text.trim().length === 0) issues.push({ path: 'text', message: 'is empty' });
  else if (text.length > EMAIL_TEXT_MAX_LENGTH)
    issues.push({ path: 'text', message: `is longer than ${EMAIL_TEXT_MAX_LENGTH} characters` });

  if (!CATEGORY.test(message.category))
    issues.push({ path: 'category', message: 'must be 1-64 of a-z, 0-9, "_" or "-"' });

  if (message.relatedTo) {
    for (const field of ['type', 'id'] as const) {
      const value = message.relatedTo[field];
      if (!value || ANY_CONTROL.test(value))
        issues.push({ path: `relatedTo.${field}`, message: 'must be a non-empty single line' });
    }
  }

  if (issues.length > 0) throw new InvalidEmailMessageError(issues);
  return {
    to,
    subject: wellFormed(message.subject.trim()),
    text,
    category: message.category,
    ...(message.relatedTo ? { relatedTo: { type: message.relatedTo.type, id: message.relatedTo.id } } : {}),
  };
}

/**
 * Makes a value safe to put inside one line of a message (a name, a dataset
 * title, anything a person typed): line breaks and control characters become
 * spaces, runs of white space one space, and long values are cut with "…".
 */
export function singleLine(value: string, maxLength = 200): string {
  const flat = wellFormed(value)
    .replace(new RegExp(ANY_CONTROL.source, 'g'), ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return flat.length > maxLength ? `${flat.slice(0, Math.max(0, maxLength - 1)).trimEnd()}…` : flat;
}

/**
 * A plain-text body from paragraphs: one blank line between paragraphs, LF
 * line endings, no control characters, no trailing spaces, one final newline.
 * Paragraphs may hold line breaks of their own (an address block); values a
 * person typed should go through `singleLine` first so they cannot add lines
 * (a fake "link" paragraph, say) to the message.
 */
export function plainTextBody(paragraphs: readonly string[]): string {
  const blocks = paragraphs
    .map((paragraph) =>
      normalizeText(paragraph)
        .split('\n')
        .map((line) => line.trimEnd())
        .join('\n')
        .replace(/^\n+|\n+$/g, ''),
    )
    .filter((block) => block.length > 0);
  return blocks.length > 0 ? `${blocks.join('\n\n')}\n` : '';
}

function normalizeText(text: string): string {
  return wellFormed(text)
    .replace(/\r\n?|\u0085/g, '\n')
    .replace(BODY_CONTROL, '');
}

function wellFormed(text: string): string {
  return text.replace(LONE_SURROGATE, '\uFFFD');
}
