import {
  createProtectedAddressMatcher,
  isProtectedAddressCategory,
  normalizeStreetAddress,
  PROTECTED_ADDRESS_CATEGORIES,
  protectedAddressProblem,
  type ProtectedAddress,
} from '../../../lambdas/domain/records/protected-addresses';

const entry = (id: string, address: string, category = 'police-officer'): ProtectedAddress => ({
  id,
  address,
  category,
});

describe('normalizeStreetAddress', () => {
  it.each([
    ['12 North Main Street, Apt 4', '12 n main st'],
    ['12 N. Main St.', '12 n main st'],
    ['12 n main st', '12 n main st'],
    ['12 N MAIN ST #4', '12 n main st'],
    ['12 N Main St Unit 2B Danbury CT 06810', '12 n main st'],
    ['12 N Main St, Danbury, CT 06810', '12 n main st'],
    ['12 Main St CT 06810', '12 main st'],
    ['12 Deer Hill Avenue', '12 deer hl ave'],
    ['12 Court Street', '12 ct st'],
    ['7 Boulevard Drive', '7 blvd dr'],
    ['12 Fifth Avenue', '12 5th ave'],
    ['12 5th Ave', '12 5th ave'],
    ["3 St. Mary's Place", '3 st marys pl'],
    ['3 Saint Marys Place', '3 st marys pl'],
    ['40 Mount Pleasant Road', '40 mt pleasant rd'],
    ['5 Southwest Circle', '5 sw cir'],
    ['8 Lakeview Terrace', '8 lakeview ter'],
    ['8 Lakeview Terr.', '8 lakeview ter'],
    ['9 Old Ridgebury Rd', '9 old ridgebury rd'],
    ['10 Padanaram Lane', '10 padanaram ln'],
    ['11 Brookside Ct', '11 brookside ct'],
    ['2 Federal Highway', '2 federal hwy'],
    ['12A Main St', '12a main st'],
    ['12-14 Main St', '12 main st'],
    ['12 Broadway, Danbury', '12 broadway'],
    ['Apt 4, 12 Main Street', '12 main st'],
    ['12 Crème Brûlée Lane', '12 creme brulee ln'],
  ])('%s -> %s', (input, expected) => {
    expect(normalizeStreetAddress(input)).toBe(expected);
  });

  it('abbreviates text without a house number the same way', () => {
    expect(normalizeStreetAddress('North Main Street')).toBe('n main st');
  });

  it('gives the same form for every way of writing one address', () => {
    const forms = [
      '12 North Main Street',
      '12 N. Main St.',
      '12 north main street, apartment 3',
      '12 N Main St #3',
    ];
    expect(new Set(forms.map(normalizeStreetAddress))).toEqual(new Set(['12 n main st']));
  });
});

describe('protectedAddressProblem and categories', () => {
  it('accepts a house number and street, and explains anything else', () => {
    expect(protectedAddressProblem('12 N Main St')).toBeUndefined();
    expect(protectedAddressProblem('12 Broadway')).toBeUndefined();
    expect(protectedAddressProblem('N Main St')).toMatch(/house number/);
    expect(protectedAddressProblem('12')).toMatch(/house number/);
    expect(protectedAddressProblem('')).toMatch(/house number/);
  });

  it('lists the §1-217 groups once each', () => {
    const ids = PROTECTED_ADDRESS_CATEGORIES.map((c) => c.category);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ['judge', 'police-officer', 'firefighter', 'correction-employee', 'prosecutor']) {
      expect(isProtectedAddressCategory(id)).toBe(true);
    }
    for (const id of ['public-defender', 'dcf-employee', 'judicial-employee', 'state-marshal']) {
      expect(isProtectedAddressCategory(id)).toBe(true);
    }
    expect(isProtectedAddressCategory('mayor')).toBe(false);
  });
});

describe('createProtectedAddressMatcher', () => {
  const matcher = createProtectedAddressMatcher([
    entry('officer', '12 N Main St'),
    entry('judge', '40 Deer Hill Avenue, Danbury, CT 06810', 'judge'),
    entry('ff', '7 Fifth Ave Apt 2', 'firefighter'),
    entry('marshal', '3 Saint Marys Pl', 'state-marshal'),
    entry('broken', 'Main Street'),
  ]);
  const ids = (text: string) => matcher.findIn(text).map((m) => m.id);

  it('counts usable entries and names the ones that can never match', () => {
    expect(matcher.size).toBe(4);
    expect(matcher.unmatchable).toEqual(['broken']);
  });

  it.each([
    'The officer lives at 12 North Main Street, Apt 4.',
    '12 N. Main St.',
    'mail to 12 N MAIN ST DANBURY CT 06810',
    'residence: 12 north main st',
    '12\u00a0North Main Street',
    'He moved to 12 North Main, Danbury',
    'He moved to 12 N. Main.',
    '(12 North Main Street)',
  ])('finds the listed 12 N Main St in %j', (text) => {
    expect(matcher.findIn(text)).toEqual([{ id: 'officer', category: 'police-officer' }]);
  });

  it.each([
    '12 Main St',
    '112 N Main St',
    '12 S Main St',
    '12 N Main Ave',
    '#12 N Main St',
    'A12 N Main St',
    '$12 N Main St',
    '10:12 N Main St',
    '3.12 N Main St',
    '2024-12 N Main St',
    '12 N Maine St',
    '12 North Main is where the parade starts',
    '12 N',
    'Twelve North Main Street',
  ])('does not find it in %j', (text) => {
    expect(ids(text)).not.toContain('officer');
  });

  it('matches street words written in full or abbreviated, ordinals and saints', () => {
    expect(ids('at 40 Deer Hill Ave.')).toEqual(['judge']);
    expect(ids('at 40 Deer Hill Avenue')).toEqual(['judge']);
    expect(ids('visited 40 Deer Hill. She was out')).toEqual(['judge']);
    expect(ids('7 Fifth Avenue, apartment 9')).toEqual(['ff']);
    expect(ids('7 5th Ave')).toEqual(['ff']);
    expect(ids("3 St. Mary's Place")).toEqual(['marshal']);
  });

  it('reports every listed address of a line once, in list order', () => {
    const text = '7 Fifth Ave and 12 N Main St, then 12 North Main Street again';
    expect(matcher.findIn(text)).toEqual([
      { id: 'officer', category: 'police-officer' },
      { id: 'ff', category: 'firefighter' },
    ]);
  });

  it('returns nothing for text without numbers and for an empty list', () => {
    expect(matcher.findIn('North Main Street')).toEqual([]);
    expect(matcher.findIn('')).toEqual([]);
    expect(createProtectedAddressMatcher([]).findIn('12 N Main St')).toEqual([]);
  });

  it('tells apart entries that share a house number', () => {
    const m = createProtectedAddressMatcher([
      entry('a', '12 N Main St'),
      entry('b', '12 Main St'),
      entry('c', '12A Main St'),
    ]);
    expect(m.findIn('12 N Main St').map((x) => x.id)).toEqual(['a']);
    expect(m.findIn('12 Main Street').map((x) => x.id)).toEqual(['b']);
    expect(m.findIn('12A Main Street').map((x) => x.id)).toEqual(['c']);
  });

  it('finds listed addresses among 100,000 lines with 1,000 entries listed', () => {
    const streets = [
      'Main St',
      'Deer Hill Ave',
      'Padanaram Rd',
      'Clapboard Ridge Rd',
      'Lake Ave',
      'Osborne St',
    ];
    const list = Array.from({ length: 1000 }, (_, i) =>
      entry(`e${i}`, `${i + 1} ${streets[i % streets.length]}`, 'firefighter'),
    );
    const big = createProtectedAddressMatcher(list);
    let hits = 0;
    for (let line = 0; line < 100_000; line++) {
      const n = (line % 2000) + 1;
      // Every line has numbers; one in ten names a listed address.
      const text =
        line % 10 === 0
          ? `Call 12 at 10:30 about ${n} ${streets[(n - 1) % streets.length]}, amount $1,234.56`
          : `Case 2025-${line} on ${(line % 28) + 1} March: ${n} units inspected at ${n} Unlisted Way`;
      hits += big.findIn(text).length;
    }
    // Lines 0, 10, 20 ... name house n = line % 2000 + 1; listed when n <= 1000.
    expect(hits).toBe(5000);
  });
});
