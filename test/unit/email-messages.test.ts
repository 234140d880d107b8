import fc from 'fast-check';
import {
  checkEmailMessage,
  EMAIL_SUBJECT_MAX_LENGTH,
  EMAIL_TEXT_MAX_LENGTH,
  InvalidEmailMessageError,
  isValidEmailAddress,
  plainTextBody,
  singleLine,
  type EmailMessage,
} from '../../lambdas/domain/email/messages';
import { toErrorBody } from '../../lambdas/shared/errors';

const message = (overrides: Partial<EmailMessage> = {}): EmailMessage => ({
  to: 'resident@example.org',
  subject: 'Your API key application was received',
  text: 'Thank you.\n',
  category: 'api-key-application-received',
  ...overrides,
});

function issuesOf(input: EmailMessage): { path: string; message: string }[] {
  try {
    checkEmailMessage(input);
  } catch (err) {
    expect(err).toBeInstanceOf(InvalidEmailMessageError);
    return (err as InvalidEmailMessageError).details?.issues ?? [];
  }
  throw new Error('checkEmailMessage accepted the message');
}

describe('isValidEmailAddress', () => {
  it.each([
    'resident@example.org',
    'first.last+records@danbury-ct.gov',
    "o'brien@mail.example.co.uk",
    'clerk@danbury.local',
    'a@b.xn--p1ai',
    `${'a'.repeat(64)}@example.org`,
  ])('accepts %s', (address) => {
    expect(isValidEmailAddress(address)).toBe(true);
  });

  it.each([
    ['empty', ''],
    ['no @', 'resident.example.org'],
    ['no local part', '@example.org'],
    ['no dot in the domain', 'resident@localhost'],
    ['one-letter top-level domain', 'resident@example.o'],
    ['numeric top-level domain', 'resident@10.0.0.1'],
    ['IP literal', 'resident@[10.0.0.1]'],
    ['display name', 'Resident <resident@example.org>'],
    ['two recipients', 'resident@example.org,attacker@example.com'],
    ['two recipients with ;', 'resident@example.org;attacker@example.com'],
    ['space', 'resi dent@example.org'],
    ['quoted local part', '"resident"@example.org'],
    ['two @', 'resident@attacker.com@example.org'],
    ['leading dot', '.resident@example.org'],
    ['double dot', 'resi..dent@example.org'],
    ['trailing dot in the domain', 'resident@example.org.'],
    ['label ending in a hyphen', 'resident@example-.org'],
    ['non-ASCII', 'résident@example.org'],
    ['local part over 64', `${'a'.repeat(65)}@example.org`],
    ['address over 254', `a@${Array.from({ length: 5 }, () => 'b'.repeat(50)).join('.')}.org`],
    ['line feed', 'resident@example.org\nBcc: attacker@example.com'],
  ])('rejects %s', (_label, address) => {
    expect(isValidEmailAddress(address)).toBe(false);
  });
});

describe('checkEmailMessage', () => {
  it('returns a normalized copy and leaves the input alone', () => {
    const input = message({
      to: '  resident@example.org ',
      subject: ' Status of request R-12 ',
      text: 'Line one\r\nLine two\rLine three\u0007\u0000\n',
      relatedTo: { type: 'records-request', id: 'R-12' },
    });
    const before = structuredClone(input);

    expect(checkEmailMessage(input)).toEqual({
      to: 'resident@example.org',
      subject: 'Status of request R-12',
      text: 'Line one\nLine two\nLine three\n',
      category: 'api-key-application-received',
      relatedTo: { type: 'records-request', id: 'R-12' },
    });
    expect(input).toEqual(before);
  });

  it.each(['\r', '\n', '\r\n', '\u0085', '\u2028', '\u2029'])(
    'rejects a line break %j in the recipient (header injection)',
    (newline) => {
      expect(issuesOf(message({ to: `resident@example.org${newline}Bcc: attacker@example.com` }))).toEqual([
        { path: 'to', message: 'must not contain line breaks' },
      ]);
    },
  );

  it.each(['\r', '\n', '\r\n', '\u0085', '\u2028', '\u2029'])(
    'rejects a line break %j in the subject (header injection)',
    (newline) => {
      expect(issuesOf(message({ subject: `Hello${newline}Bcc: attacker@example.com` }))).toEqual([
        { path: 'subject', message: 'must not contain line breaks' },
      ]);
    },
  );

  it('rejects a trailing line break that trimming would otherwise hide', () => {
    expect(issuesOf(message({ to: 'resident@example.org\n' }))[0]?.path).toBe('to');
    expect(issuesOf(message({ subject: 'Hello\r\n' }))[0]?.path).toBe('subject');
  });

  it('lists every problem at once, as a 400 the error model understands', () => {
    const input = message({
      to: 'not an address',
      subject: 'x'.repeat(EMAIL_SUBJECT_MAX_LENGTH + 1),
      text: ' \n\t',
      category: 'Has Spaces',
      relatedTo: { type: '', id: 'a\nb' },
    });
    expect(issuesOf(input)).toEqual([
      { path: 'to', message: 'is not a valid e-mail address' },
      { path: 'subject', message: `is longer than ${EMAIL_SUBJECT_MAX_LENGTH} characters` },
      { path: 'text', message: 'is empty' },
      { path: 'category', message: 'must be 1-64 of a-z, 0-9, "_" or "-"' },
      { path: 'relatedTo.type', message: 'must be a non-empty single line' },
      { path: 'relatedTo.id', message: 'must be a non-empty single line' },
    ]);

    let thrown: unknown;
    try {
      checkEmailMessage(input);
    } catch (err) {
      thrown = err;
    }
    const { statusCode, body } = toErrorBody(thrown, 'req-1');
    expect(statusCode).toBe(400);
    expect(body.error.code).toBe('VALIDATION_FAILED');
  });

  it('rejects other control characters, blank subjects and over-long bodies', () => {
    expect(issuesOf(message({ subject: 'Tab\there' }))).toEqual([
      { path: 'subject', message: 'must not contain control characters' },
    ]);
    expect(issuesOf(message({ subject: '   ' }))).toEqual([{ path: 'subject', message: 'is empty' }]);
    expect(issuesOf(message({ text: 'x'.repeat(EMAIL_TEXT_MAX_LENGTH + 1) }))).toEqual([
      { path: 'text', message: `is longer than ${EMAIL_TEXT_MAX_LENGTH} characters` },
    ]);
  });

  it('never lets a line break through in to or subject, whatever the input', () => {
    const anyText = fc.string({ unit: 'binary', maxLength: 40 });
    fc.assert(
      fc.property(anyText, anyText, (to, subject) => {
        let checked: EmailMessage;
        try {
          checked = checkEmailMessage(message({ to: `${to}resident@example.org`, subject: `S${subject}` }));
        } catch (err) {
          return err instanceof InvalidEmailMessageError;
        }
        return !/[\r\n\u0085\u2028\u2029]/.test(checked.to + checked.subject);
      }),
    );
  });
});

describe('singleLine', () => {
  it('flattens what a person typed into one line', () => {
    expect(singleLine('  Jane\r\n\r\nVisit https://evil.example\t now\u2028 ')).toBe(
      'Jane Visit https://evil.example now',
    );
  });

  it('cuts long values with an ellipsis', () => {
    expect(singleLine('abcdefghij', 5)).toBe('abcd…');
    expect(singleLine('abcde', 5)).toBe('abcde');
  });
});

describe('plainTextBody', () => {
  it('joins paragraphs with one blank line and ends with a newline', () => {
    expect(plainTextBody(['Dear Jane,', 'Your request R-12 is ready.\r\nCity Clerk\r\n', '', '  '])).toBe(
      'Dear Jane,\n\nYour request R-12 is ready.\nCity Clerk\n',
    );
  });

  it('drops control characters and trailing spaces', () => {
    expect(plainTextBody(['\uFEFFa\u0000b  \nc\u001b[31m\t'])).toBe('ab\nc[31m\n');
  });

  it('replaces half a surrogate pair, which UTF-8 cannot carry, and keeps whole ones', () => {
    expect(plainTextBody(['x\uD800y 🏛'])).toBe('x\uFFFDy 🏛\n');
    expect(singleLine('\uDC00🏛')).toBe('\uFFFD🏛');
  });

  it('keeps an interpolated value on its line when it went through singleLine', () => {
    const name = 'Jane\n\nYour key: https://attacker.example/steal';
    expect(plainTextBody([`Dear ${singleLine(name)},`, 'Thank you.']).split('\n')).toEqual([
      'Dear Jane Your key: https://attacker.example/steal,',
      '',
      'Thank you.',
      '',
    ]);
  });

  it('is empty for no content', () => {
    expect(plainTextBody([])).toBe('');
    expect(plainTextBody([' ', '\n'])).toBe('');
  });
});
