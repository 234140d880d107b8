import { requireCitations } from '../../../lambdas/domain/records/exemptions';
import { estimateFee } from '../../../lambdas/domain/records/fees';
import {
  deemedDenialNotice,
  denialLetter,
  escapeHtml,
  feeInvoiceText,
  FOI_COMMISSION,
  receiptLetter,
  statusChangeMessage,
  type DenialLetterInput,
  type Letter,
  type ReceiptLetterInput,
} from '../../../lambdas/domain/records/letters';
import { PlatformError, type FieldIssue } from '../../../lambdas/shared/errors';

function rejection(fn: () => unknown): { code: string; issues: FieldIssue[] } {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(PlatformError);
    const e = err as PlatformError;
    return { code: e.code, issues: e.details?.issues ?? [] };
  }
  throw new Error('expected a rejection');
}

const STATUS_URL = 'https://records.danbury.example/requests/DAN-2025-000123?token=abc';

const receipt = (overrides: Partial<ReceiptLetterInput> = {}): ReceiptLetterInput => ({
  trackingNumber: 'DAN-2025-000123',
  // 16:45 in Danbury on Friday 7 March 2025 (EST)
  receivedAt: '2025-03-07T21:45:00Z',
  receivedOn: '2025-03-07',
  statutoryDueDate: '2025-03-13',
  description: 'Building permits for 12 Main Street, 2019 to 2024',
  delivery: 'electronic',
  department: 'planning-zoning',
  statusUrl: STATUS_URL,
  calendarVersion: '2025-01',
  ...overrides,
});

const denial = (overrides: Partial<DenialLetterInput> = {}): DenialLetterInput => ({
  trackingNumber: 'DAN-2025-000123',
  receivedOn: '2025-03-07',
  deniedOn: '2025-03-12',
  outcome: 'denied',
  exemptions: requireCitations(['1-210(b)(2)', '1-210(b)(3)(C)']),
  appealDeadline: '2025-04-11',
  signedBy: { name: 'Pat Rivera', title: 'City Clerk', department: 'city-clerk' },
  ...overrides,
});

/** Both renderings carry the same words (HTML-escaped). */
function expectInBoth(letter: Letter, ...phrases: string[]) {
  for (const phrase of phrases) {
    expect(letter.text).toContain(phrase);
    expect(letter.html).toContain(escapeHtml(phrase));
  }
}

const commissionContact = [
  FOI_COMMISSION.name,
  FOI_COMMISSION.address,
  FOI_COMMISSION.phone,
  FOI_COMMISSION.email,
  FOI_COMMISSION.web,
];

describe('escapeHtml', () => {
  it('escapes the five characters that matter in HTML', () => {
    expect(escapeHtml(`<a href="x">Tom & Jerry's</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;',
    );
  });
});

describe('FOI_COMMISSION', () => {
  it("holds the Commission's contact details", () => {
    expect(FOI_COMMISSION).toEqual({
      name: 'Connecticut Freedom of Information Commission',
      address: '165 Capitol Avenue, Suite 1100, Hartford, CT 06106',
      phone: '(860) 566-5682',
      email: 'foi@ct.gov',
      web: 'https://portal.ct.gov/foi',
    });
  });
});

describe('receiptLetter', () => {
  it("is the requester's copy: tracking number, submission time, due date and the city's name", () => {
    const letter = receiptLetter(receipt({ requesterName: 'Alex Chen' }));
    expect(letter.subject).toBe('City of Danbury: records request DAN-2025-000123 received');
    expectInBoth(
      letter,
      'Dear Alex Chen,',
      'Tracking number: DAN-2025-000123',
      'Submitted: 2025-03-07 16:45 EST',
      'Received for the legal deadline: 2025-03-07',
      'Response due by: 2025-03-13',
      'Department: Planning and Zoning',
      'Delivery: Electronic copies',
      'The City of Danbury has received your request',
      'Building permits for 12 Main Street, 2019 to 2024',
      'within four business days of receiving your request, as C.G.S. §1-206(a) requires',
      'No purpose is required',
      'version 2025-01',
    );
    expect(letter.html).toContain(`<a href="${escapeHtml(STATUS_URL)}">`);
    expect(letter.text).toContain(STATUS_URL);
    // Same-day receipt: no weekend explanation.
    expect(letter.text).not.toContain('counts as received on the next business day');
  });

  it('greets a requester without a name generically', () => {
    expect(receiptLetter(receipt()).text.startsWith('Dear requester,\n')).toBe(true);
  });

  it('explains a weekend submission counting from the next business day', () => {
    const letter = receiptLetter(
      receipt({
        receivedAt: '2025-03-08T15:00:00Z',
        receivedOn: '2025-03-10',
        statutoryDueDate: '2025-03-14',
      }),
    );
    expectInBoth(
      letter,
      'Submitted: 2025-03-08 10:00 EST',
      'Received for the legal deadline: 2025-03-10',
      'counts as received on the next business day',
    );
  });

  it('shows daylight time in summer', () => {
    const letter = receiptLetter(
      receipt({
        receivedAt: '2025-07-01T13:05:00Z',
        receivedOn: '2025-07-01',
        statutoryDueDate: '2025-07-08',
      }),
    );
    expect(letter.text).toContain('Submitted: 2025-07-01 09:05 EDT');
  });

  it('escapes markup in the description and quotes it in text', () => {
    const letter = receiptLetter(
      receipt({ description: 'Minutes <script>alert("x")</script>\nStatus link: https://evil.example' }),
    );
    expect(letter.html).not.toContain('<script>');
    expect(letter.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(letter.text).toContain(
      '> Minutes <script>alert("x")</script>\n> Status link: https://evil.example',
    );
  });

  it('keeps the subject on one line and escapes the greeting name', () => {
    const letter = receiptLetter(receipt({ requesterName: '<b>Eve</b>\nBcc: x@example.org' }));
    expect(letter.subject).not.toMatch(/[\r\n]/);
    expect(letter.html).toContain('Dear &lt;b&gt;Eve&lt;/b&gt; Bcc: x@example.org,');
    expect(letter.text).toContain('Dear <b>Eve</b> Bcc: x@example.org,');
  });

  it('names the department as given when it is not a department id', () => {
    expect(receiptLetter(receipt({ department: 'Board of Education' })).text).toContain(
      'Department: Board of Education',
    );
  });

  it('refuses bad dates, links and tracking numbers with field paths', () => {
    const { code, issues } = rejection(() =>
      receiptLetter(
        receipt({
          trackingNumber: 'DAN-1\nBcc',
          receivedAt: '2025-03-07 21:45',
          receivedOn: '2025-02-30',
          statusUrl: 'javascript:alert(1)',
          description: '  ',
        }),
      ),
    );
    expect(code).toBe('VALIDATION_FAILED');
    expect(issues.map((i) => i.path)).toEqual([
      'trackingNumber',
      'receivedAt',
      'receivedOn',
      'description',
      'statusUrl',
    ]);
  });

  it('refuses a due date before the receipt date', () => {
    const { issues } = rejection(() => receiptLetter(receipt({ statutoryDueDate: '2025-03-06' })));
    expect(issues).toEqual([{ path: 'statutoryDueDate', message: 'must be on or after receivedOn' }]);
  });
});

describe('the response time the letters promise', () => {
  it('is four business days, and ten for personnel, medical or similar files (C.G.S. 1-214)', () => {
    expect(receiptLetter(receipt()).text).toContain('within four business days of receiving your request');
    const personnel = receiptLetter(receipt({ personnelFiles: true }));
    expect(personnel.text).toContain('within ten business days of receiving your request');
    expect(personnel.html).toContain('within ten business days');
    const notice = deemedDenialNotice({
      trackingNumber: 'DAN-2025-000124',
      receivedOn: '2025-03-07',
      statutoryDueDate: '2025-03-21',
      deemedDeniedOn: '2025-03-22',
      appealDeadline: '2025-04-21',
      statusUrl: STATUS_URL,
      personnelFiles: true,
    });
    expect(notice.text).toContain('within ten business days of receiving it');
  });
});

describe('denialLetter', () => {
  it('cites every exemption by code, citation and text, in text and HTML', () => {
    const input = denial({ requesterName: 'Alex Chen' });
    const letter = denialLetter(input);
    expect(letter.subject).toBe('City of Danbury: records request DAN-2025-000123 denied');
    expectInBoth(
      letter,
      'Dear Alex Chen,',
      'Tracking number: DAN-2025-000123',
      'Received: 2025-03-07',
      'On 2025-03-12 the City of Danbury denied your request',
    );
    for (const e of input.exemptions) expectInBoth(letter, e.code, e.citation, e.text);
    expectInBoth(letter, 'C.G.S. §1-210(b)(2) (code 1-210(b)(2))');
  });

  it('gives the appeal right: 30 calendar days, the deadline, §1-206(b)(1) and the Commission', () => {
    const letter = denialLetter(denial());
    expectInBoth(
      letter,
      'Your right to appeal',
      'within 30 calendar days after the denial: file it by 2025-04-11',
      'C.G.S. §1-206(b)(1)',
      ...commissionContact,
    );
  });

  it('is signed by the clerk with the department name', () => {
    expectInBoth(denialLetter(denial()), 'Pat Rivera', 'City Clerk', 'Office of the City Clerk');
  });

  it('says what was released in part', () => {
    const letter = denialLetter(denial({ outcome: 'partially-fulfilled', statusUrl: STATUS_URL }));
    expect(letter.subject).toBe('City of Danbury: records request DAN-2025-000123 partially fulfilled');
    expectInBoth(
      letter,
      'fulfilled your request for public records in part',
      'withheld or redacted',
      STATUS_URL,
    );
  });

  it('prints an other-statute citation and escapes the explanation', () => {
    const letter = denialLetter(
      denial({
        exemptions: requireCitations(['other-statute'], 'C.G.S. §14-10'),
        explanation: 'Motor vehicle records <i>are</i> confidential.\nSee the statute.',
      }),
    );
    expectInBoth(letter, 'C.G.S. §14-10, through C.G.S. §1-210(a)', 'Explanation');
    expect(letter.html).toContain(
      'Motor vehicle records &lt;i&gt;are&lt;/i&gt; confidential.<br>See the statute.',
    );
    expect(letter.text).toContain('Motor vehicle records <i>are</i> confidential.\nSee the statute.');
  });

  it('refuses a denial without exemptions or with the appeal deadline before the denial', () => {
    const { issues } = rejection(() =>
      denialLetter(denial({ exemptions: [], appealDeadline: '2025-03-12' })),
    );
    expect(issues).toEqual([
      { path: 'appealDeadline', message: 'must be after deniedOn' },
      { path: 'exemptions', message: 'a denial cites at least one exemption' },
    ]);
  });

  it('refuses an unknown outcome and a missing signature', () => {
    const { issues } = rejection(() =>
      denialLetter(
        denial({
          outcome: 'fulfilled' as DenialLetterInput['outcome'],
          signedBy: { name: '', title: 'City Clerk', department: 'city-clerk' },
        }),
      ),
    );
    expect(issues.map((i) => i.path)).toEqual(['outcome', 'signedBy.name']);
  });
});

describe('deemedDenialNotice', () => {
  const input = {
    trackingNumber: 'DAN-2025-000123',
    receivedOn: '2025-03-07',
    statutoryDueDate: '2025-03-13',
    deemedDeniedOn: '2025-03-14',
    appealDeadline: '2025-04-13',
    statusUrl: STATUS_URL,
  };

  it('says the request is deemed denied, gives the appeal right and says the city still works on it', () => {
    const letter = deemedDenialNotice(input);
    expect(letter.subject).toBe(
      'City of Danbury: records request DAN-2025-000123 not answered in time (deemed denied)',
    );
    expectInBoth(
      letter,
      'Tracking number: DAN-2025-000123',
      'Response was due by: 2025-03-13',
      'Deemed denied on: 2025-03-14',
      'Under C.G.S. §1-206(a) a request that is not answered in that time is deemed denied',
      'file it by 2025-04-13',
      'C.G.S. §1-206(b)(1)',
      'The city is still working on your request',
      STATUS_URL,
      ...commissionContact,
    );
  });

  it('points to the receipt when the status link is not at hand', () => {
    const { statusUrl: _omitted, ...withoutLink } = input;
    const letter = deemedDenialNotice(withoutLink);
    expectInBoth(letter, 'Use the status link in your receipt', ...commissionContact);
    expect(letter.html).not.toContain('<a href');
  });

  it('refuses dates out of order', () => {
    const { issues } = rejection(() => deemedDenialNotice({ ...input, deemedDeniedOn: '2025-03-13' }));
    expect(issues).toEqual([{ path: 'deemedDeniedOn', message: 'must be after statutoryDueDate' }]);
  });
});

describe('statusChangeMessage', () => {
  it('gives a short notice with the status in words and the link', () => {
    const letter = statusChangeMessage({
      trackingNumber: 'DAN-2025-000123',
      status: 'clarification-requested',
      message: 'Which years do you need? <b>2019</b> only?',
      statusUrl: STATUS_URL,
    });
    expect(letter.subject).toBe(
      'City of Danbury: records request DAN-2025-000123: we need more information from you',
    );
    expectInBoth(letter, 'has a new status: we need more information from you', STATUS_URL);
    expect(letter.html).toContain('Which years do you need? &lt;b&gt;2019&lt;/b&gt; only?');
    expect(letter.html).not.toContain('<b>2019');
  });

  it('works without a status link, and refuses a non-web one', () => {
    const letter = statusChangeMessage({ trackingNumber: 'DAN-1', status: 'released' });
    expectInBoth(letter, 'has a new status: records released', 'Use the status link in your receipt');
    const { issues } = rejection(() =>
      statusChangeMessage({ trackingNumber: 'DAN-1', status: 'released', statusUrl: 'data:text/html,hi' }),
    );
    expect(issues.map((i) => i.path)).toEqual(['statusUrl']);
  });

  it('includes a fee estimate', () => {
    const invoice = estimateFee({ delivery: 'paper', paperPages: 37, waivers: [] });
    const letter = statusChangeMessage({
      trackingNumber: 'DAN-2025-000123',
      status: 'fee-invoiced',
      statusUrl: STATUS_URL,
      invoice,
    });
    expectInBoth(letter, 'fee estimate ready', 'Total due: $18.50', ...feeInvoiceText(invoice));
  });

  it('words an unlisted status from its name, and refuses a malformed one', () => {
    expect(
      statusChangeMessage({ trackingNumber: 'DAN-1', status: 'under-legal-review', statusUrl: STATUS_URL })
        .subject,
    ).toBe('City of Danbury: records request DAN-1: under legal review');
    const { issues } = rejection(() =>
      statusChangeMessage({ trackingNumber: 'DAN-1', status: 'Released\n', statusUrl: STATUS_URL }),
    );
    expect(issues.map((i) => i.path)).toEqual(['status']);
  });
});

describe('feeInvoiceText', () => {
  it('lists each charge, the subtotal, the total and the prepayment rule', () => {
    const invoice = estimateFee({
      delivery: 'electronic',
      paperPages: 37,
      electronicItems: [{ kind: 'formatting', description: 'Export to CSV', quantity: 1.5, unitCents: 4000 }],
      waivers: [],
    });
    expect(feeInvoiceText(invoice)).toEqual([
      'Paper copies (per page): 37 × $0.50 = $18.50 (C.G.S. §1-212(a))',
      'Export to CSV: 1.5 × $40.00 = $60.00 (C.G.S. §1-212(b)(1))',
      'Subtotal: $78.50',
      'Total due: $78.50',
      'Payment is due before the copies are made (city policy for fees of $10.00 or more).',
      'Searching for and retrieving records is never charged (C.G.S. §1-212(b)).',
    ]);
  });

  it('shows a waiver and a zero total', () => {
    const invoice = estimateFee({ delivery: 'paper', paperPages: 4, waivers: ['indigent'] });
    expect(feeInvoiceText(invoice)).toEqual([
      'Paper copies (per page): 4 × $0.50 = $2.00 (C.G.S. §1-212(a))',
      'Subtotal: $2.00',
      'Fee waived: Requester is indigent (C.G.S. §1-212(d)(1))',
      'Waived: -$2.00',
      'Total due: $0.00',
      'Searching for and retrieving records is never charged (C.G.S. §1-212(b)).',
    ]);
  });

  it('says when there is nothing to charge', () => {
    expect(feeInvoiceText(estimateFee({ delivery: 'inspection', waivers: [] }))[0]).toBe('No copy charges.');
  });
});
