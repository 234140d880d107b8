import { datasetFileKey, isPubliclyListed, normalizeKeyword } from '../../lambdas/domain/datasets/dataset';

describe('isPubliclyListed', () => {
  it('is true only for a published, public dataset', () => {
    expect(isPubliclyListed({ status: 'published', accessLevel: 'public' })).toBe(true);
  });

  it.each([
    ['draft', 'public'],
    ['unpublished', 'public'],
    ['published', 'restricted public'],
    ['published', 'non-public'],
    ['draft', 'non-public'],
  ] as const)('is false for status %s with access level %s', (status, accessLevel) => {
    expect(isPubliclyListed({ status, accessLevel })).toBe(false);
  });
});

describe('normalizeKeyword', () => {
  it.each([
    ['Building Permits', 'building permits'],
    ['  potholes  ', 'potholes'],
    ['Road\t \n  Work', 'road work'],
    ['already-normal', 'already-normal'],
  ])('normalizes %j to %j', (input, expected) => {
    expect(normalizeKeyword(input)).toBe(expected);
  });
});

describe('datasetFileKey', () => {
  it('puts each version of a file under its own prefix', () => {
    expect(datasetFileKey('building-permits', 3, 'permits.csv')).toBe(
      'datasets/building-permits/versions/3/permits.csv',
    );
  });

  it('gives different keys to different versions of the same file', () => {
    expect(datasetFileKey('potholes', 1, 'p.csv')).not.toBe(datasetFileKey('potholes', 2, 'p.csv'));
  });
});
