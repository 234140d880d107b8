import { createHash } from 'node:crypto';
import {
  descriptionSimilarity,
  DUPLICATE_SIMILARITY,
  DUPLICATE_WINDOW_MINUTES,
  findLikelyDuplicate,
  identifiesRequester,
  requesterFingerprint,
  requesterKey,
} from '../../../lambdas/domain/records/duplicates';

const DESCRIPTION =
  'All police incident reports for the traffic accident at Main Street and White Street on March 3, 2026, ' +
  'including photographs and the 911 call log.';

describe('requester identity', () => {
  it('uses the e-mail address, whatever its case or spacing', () => {
    const a = requesterFingerprint({ name: 'Maria Lopez', email: ' Maria.Lopez@Example.ORG ' });
    const b = requesterFingerprint({ name: 'M. Lopez', email: 'maria.lopez@example.org' });
    expect(a).toBe('email:maria.lopez@example.org');
    expect(b).toBe(a);
  });

  it('falls back to normalized name and postal address', () => {
    const a = requesterFingerprint({
      name: 'José  Álvarez',
      postalAddress: '155 Deer Hill Ave., Danbury, CT',
    });
    const b = requesterFingerprint({ name: 'jose alvarez', postalAddress: '155 deer hill ave danbury ct' });
    expect(a).toBe('name:jose alvarez|address:155 deer hill ave danbury ct');
    expect(b).toBe(a);
    expect(requesterFingerprint({ name: 'Jose Alvarez', postalAddress: '12 Elm St' })).not.toBe(a);
    expect(requesterFingerprint({ name: 'Jose Alvarez', email: '  ' })).toBe('name:jose alvarez|address:');
  });

  it('hashes the fingerprint into a key', () => {
    const identity = { name: 'Maria Lopez', email: 'maria.lopez@example.org' };
    const key = requesterKey(identity);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(key).toBe(createHash('sha256').update('email:maria.lopez@example.org').digest('hex'));
    expect(requesterKey({ name: 'MARIA LOPEZ', email: 'Maria.Lopez@example.org' })).toBe(key);
  });

  it('tells anonymous requests apart from identified ones', () => {
    expect(identifiesRequester({ name: '  ', postalAddress: ' ,. ' })).toBe(false);
    expect(identifiesRequester({ name: '', email: 'a@example.org' })).toBe(true);
    expect(identifiesRequester({ name: 'Jose Alvarez' })).toBe(true);
    expect(identifiesRequester({ name: '', postalAddress: '12 Elm St' })).toBe(true);
    expect(requesterKey({ name: '' })).toBe(requesterKey({ name: ' ', postalAddress: '' }));
  });
});

describe('descriptionSimilarity', () => {
  it('is 1 for the same text and symmetric', () => {
    expect(descriptionSimilarity(DESCRIPTION, DESCRIPTION)).toBe(1);
    const other = 'Building permits issued for 12 Elm Street in 2025';
    expect(descriptionSimilarity(DESCRIPTION, other)).toBe(descriptionSimilarity(other, DESCRIPTION));
  });

  it.each([
    ['case', DESCRIPTION.toUpperCase()],
    ['punctuation', DESCRIPTION.replace(/[,.]/g, '')],
    ['whitespace', `  ${DESCRIPTION.replace(/ /g, '   ')}\n`],
    ['a typo', DESCRIPTION.replace('incident', 'incdent')],
    ['a transposition', DESCRIPTION.replace('photographs', 'photogarphs')],
    ['two typos', DESCRIPTION.replace('accident', 'acident').replace('including', 'includng')],
  ])('sees past %s', (_what, variant) => {
    expect(descriptionSimilarity(DESCRIPTION, variant)).toBeGreaterThanOrEqual(DUPLICATE_SIMILARITY);
  });

  it('sees past a typo even in a short description', () => {
    expect(descriptionSimilarity('Police report 2026-0412', 'Polcie reprot 2026-0412')).toBe(1);
  });

  it('never treats different numbers as a typo', () => {
    expect(descriptionSimilarity('Police report 2026-0412', 'Police report 2026-0413')).toBeLessThan(
      DUPLICATE_SIMILARITY,
    );
    expect(descriptionSimilarity(DESCRIPTION, DESCRIPTION.replace('March 3', 'March 4'))).toBeLessThan(1);
  });

  it('keeps different requests apart', () => {
    expect(
      descriptionSimilarity(
        DESCRIPTION,
        'Payroll records for the Department of Public Works, fiscal year 2025',
      ),
    ).toBeLessThan(0.2);
    expect(
      descriptionSimilarity(
        DESCRIPTION,
        'All police incident reports for the burglary at Main Street on March 3, 2026, including photographs.',
      ),
    ).toBeLessThan(DUPLICATE_SIMILARITY);
  });

  it('handles empty descriptions', () => {
    expect(descriptionSimilarity('', DESCRIPTION)).toBe(0);
    expect(descriptionSimilarity('...', '')).toBe(1);
  });
});

describe('findLikelyDuplicate', () => {
  const at = (minutes: number) => new Date(Date.UTC(2026, 2, 2, 15, 0) + minutes * 60_000).toISOString();
  const candidate = { description: DESCRIPTION.toLowerCase(), receivedAt: at(0) };

  it('flags a near-identical request from minutes ago', () => {
    const recent = [{ trackingNumber: '2026-000101', description: DESCRIPTION, receivedAt: at(-2) }];
    expect(findLikelyDuplicate(candidate, recent)).toBe('2026-000101');
  });

  it('counts the window inclusively, and either side of the candidate', () => {
    expect(DUPLICATE_WINDOW_MINUTES).toBe(10);
    const edge = [{ trackingNumber: '2026-000101', description: DESCRIPTION, receivedAt: at(-10) }];
    expect(findLikelyDuplicate(candidate, edge)).toBe('2026-000101');
    const later = [{ trackingNumber: '2026-000102', description: DESCRIPTION, receivedAt: at(1) }];
    expect(findLikelyDuplicate(candidate, later)).toBe('2026-000102');
  });

  it('ignores requests outside the window', () => {
    const recent = [
      { trackingNumber: '2026-000090', description: DESCRIPTION, receivedAt: at(-11) },
      { trackingNumber: '2026-000091', description: DESCRIPTION, receivedAt: at(-60 * 24) },
      { trackingNumber: '2026-000092', description: DESCRIPTION, receivedAt: at(11) },
    ];
    expect(findLikelyDuplicate(candidate, recent)).toBeUndefined();
  });

  it('ignores different requests within the window', () => {
    const recent = [
      {
        trackingNumber: '2026-000101',
        description: 'Payroll records for the Department of Public Works, fiscal year 2025',
        receivedAt: at(-1),
      },
      {
        trackingNumber: '2026-000102',
        description: DESCRIPTION.replace('March 3', 'March 9').replace('911 call', 'dispatch'),
        receivedAt: at(-1),
      },
    ];
    expect(findLikelyDuplicate(candidate, recent)).toBeUndefined();
  });

  it('picks the most similar, then the earliest', () => {
    const typo = DESCRIPTION.replace('incident', 'incdent').replace('photographs', 'photos');
    const recent = [
      { trackingNumber: '2026-000103', description: typo, receivedAt: at(-1) },
      { trackingNumber: '2026-000102', description: DESCRIPTION, receivedAt: at(-3) },
      { trackingNumber: '2026-000101', description: DESCRIPTION, receivedAt: at(-5) },
    ];
    expect(findLikelyDuplicate(candidate, recent)).toBe('2026-000101');
    expect(findLikelyDuplicate(candidate, recent.slice(0, 1))).toBe('2026-000103');
  });

  it('treats unreadable dates as no duplicate, never as a reason to refuse', () => {
    const recent = [{ trackingNumber: '2026-000101', description: DESCRIPTION, receivedAt: 'soon' }];
    expect(findLikelyDuplicate(candidate, recent)).toBeUndefined();
    expect(
      findLikelyDuplicate({ description: DESCRIPTION, receivedAt: '' }, [
        { trackingNumber: '2026-000101', description: DESCRIPTION, receivedAt: at(0) },
      ]),
    ).toBeUndefined();
    expect(findLikelyDuplicate(candidate, [])).toBeUndefined();
  });
});
