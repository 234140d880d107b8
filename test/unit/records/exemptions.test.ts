import {
  EXEMPTIONS,
  findExemption,
  OTHER_STATUTE,
  requireCitations,
} from '../../../lambdas/domain/records/exemptions';
import { PlatformError, type FieldIssue } from '../../../lambdas/shared/errors';

function rejection(fn: () => unknown): { code: string; statusCode: number; issues: FieldIssue[] } {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(PlatformError);
    const e = err as PlatformError;
    return { code: e.code, statusCode: e.statusCode, issues: e.details?.issues ?? [] };
  }
  throw new Error('expected a rejection');
}

describe('EXEMPTIONS', () => {
  it('has unique codes and a short title, citation and text for each', () => {
    const codes = EXEMPTIONS.map((e) => e.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const e of EXEMPTIONS) {
      expect(e.shortTitle.trim().length).toBeGreaterThan(0);
      expect(e.citation).toMatch(/§/);
      expect(e.text.trim().length).toBeGreaterThan(20);
    }
  });

  it('covers the §1-210(b) grounds a city cites, §1-217 and other statutes', () => {
    const codes = EXEMPTIONS.map((e) => e.code);
    for (const n of ['1', '2', '4', '6', '7', '8', '9', '10', '11', '12', '17', '19', '20', '24', '27'])
      expect(codes).toContain(`1-210(b)(${n})`);
    for (const letter of 'ABCDEFGH') expect(codes).toContain(`1-210(b)(3)(${letter})`);
    expect(codes).toEqual(expect.arrayContaining(['1-210(b)(5)(A)', '1-210(b)(5)(B)']));
    expect(codes).toEqual(expect.arrayContaining(['1-217', 'ferpa', 'hipaa', '19a-411', 'other-statute']));
  });

  it('writes §1-210(b) citations in full', () => {
    expect(findExemption('1-210(b)(2)')).toMatchObject({
      citation: 'C.G.S. §1-210(b)(2)',
      shortTitle: 'Personnel, medical or similar files',
    });
    expect(findExemption('1-210(b)(3)(C)')?.citation).toBe('C.G.S. §1-210(b)(3)(C)');
    expect(findExemption('1-210(b)(3)(C)')?.text).toContain('signed statements of witnesses');
    expect(findExemption('1-210(b)(10)')?.text).toContain('attorney-client');
    expect(findExemption('1-217')?.citation).toBe('C.G.S. §1-217');
    expect(findExemption('ferpa')?.citation).toContain('20 U.S.C. §1232g');
    expect(findExemption('19a-411')?.citation).toContain('C.G.S. §19a-411');
  });

  it('says a municipal safety-risk claim needs the DESPP determination', () => {
    const safety = findExemption('1-210(b)(19)')!;
    expect(safety.text).toContain('Commissioner of Emergency Services and Public Protection');
    expect(safety.note).toContain('DESPP');
  });

  it('finds nothing for an unknown code', () => {
    expect(findExemption('1-210(b)(99)')).toBeUndefined();
    expect(findExemption('1-210(b)(3)')).toBeUndefined();
  });
});

describe('requireCitations', () => {
  it('returns the exemptions in the order cited, once each', () => {
    const cited = requireCitations(['1-210(b)(10)', '1-210(b)(2)', '1-210(b)(10)']);
    expect(cited.map((e) => e.code)).toEqual(['1-210(b)(10)', '1-210(b)(2)']);
  });

  it('returns copies, so the table cannot be changed through them', () => {
    const [first] = requireCitations(['1-210(b)(1)']);
    first!.text = 'changed';
    expect(findExemption('1-210(b)(1)')?.text).not.toBe('changed');
  });

  it('requires at least one exemption', () => {
    const { statusCode, code, issues } = rejection(() => requireCitations([]));
    expect(statusCode).toBe(400);
    expect(code).toBe('VALIDATION_FAILED');
    expect(issues).toEqual([{ path: 'exemptions', message: 'cite at least one exemption' }]);
  });

  it('names every unknown code by its position', () => {
    const { issues } = rejection(() => requireCitations(['1-210(b)(2)', 'privacy', '1-210(b)(99)']));
    expect(issues.map((i) => i.path)).toEqual(['exemptions[1]', 'exemptions[2]']);
  });

  it("requires the statute's citation for 'other-statute'", () => {
    for (const missing of [undefined, '   ']) {
      const { issues } = rejection(() => requireCitations([OTHER_STATUTE], missing));
      expect(issues).toEqual([{ path: 'otherStatuteCitation', message: expect.any(String) }]);
    }
  });

  it("prints the given statute as the 'other-statute' citation", () => {
    const [other] = requireCitations(['other-statute'], '  C.G.S. §14-10 ');
    expect(other).toMatchObject({
      code: 'other-statute',
      citation: 'C.G.S. §14-10, through C.G.S. §1-210(a)',
    });
    expect(findExemption('other-statute')?.citation).toBe('C.G.S. §1-210(a)');
  });

  it("refuses a statute citation without 'other-statute'", () => {
    const { issues } = rejection(() => requireCitations(['1-210(b)(2)'], 'C.G.S. §14-10'));
    expect(issues).toEqual([
      { path: 'otherStatuteCitation', message: expect.stringContaining('other-statute') },
    ]);
  });
});
