/**
 * The grounds the city may cite when it withholds or redacts a public record.
 * Every denial and every redaction cites at least one of these.
 *
 * This table is data the city's counsel reviews: short titles and texts are
 * plain-language summaries of the statutes (chapter 14 of the General Statutes
 * and the statutes §1-210(a) brings in), not quotations. Where a subdivision
 * was not confirmed it is left out rather than guessed (§1-210(b)(26) is not
 * listed for that reason). Confirm against the current General Statutes
 * before relying on an entry.
 */
import { badRequest, type FieldIssue } from '../../shared/errors';

export interface Exemption {
  /** What the clerk picks and what is stored on the determination, e.g. '1-210(b)(2)'. */
  code: string;
  shortTitle: string;
  /** The full citation printed on letters. */
  citation: string;
  text: string;
  /** Guidance for the clerk before citing it; never printed on letters. */
  note?: string;
}

export const OTHER_STATUTE = 'other-statute';

const lawEnforcement = (letter: string, shortTitle: string, disclosure: string): Exemption => ({
  code: `1-210(b)(3)(${letter})`,
  shortTitle: `Law-enforcement records: ${shortTitle}`,
  citation: `C.G.S. §1-210(b)(3)(${letter})`,
  text:
    'Records of a law enforcement agency, not otherwise available to the public, compiled in connection with ' +
    'the detection or investigation of crime, where disclosure would not be in the public interest because it ' +
    `would disclose ${disclosure}.`,
});

/** One §1-210(b) subdivision; `sub` is what follows '(b)', e.g. '(2)' or '(5)(A)'. */
const b = (sub: string, shortTitle: string, text: string, note?: string): Exemption => ({
  code: `1-210(b)${sub}`,
  shortTitle,
  citation: `C.G.S. §1-210(b)${sub}`,
  text,
  ...(note ? { note } : {}),
});

export const EXEMPTIONS: readonly Exemption[] = Object.freeze([
  b(
    '(1)',
    'Preliminary drafts or notes',
    'Preliminary drafts or notes, where the agency has determined that the public interest in withholding them clearly outweighs the public interest in disclosure.',
    'The determination must be made and recorded; facts and final decisions in a draft are not covered.',
  ),
  b(
    '(2)',
    'Personnel, medical or similar files',
    'Personnel or medical files and similar files whose disclosure would constitute an invasion of personal privacy.',
    'Follow the C.G.S. §1-214 notice to the employee and union before deciding (10 business days clock).',
  ),
  lawEnforcement(
    'A',
    'informants and endangered witnesses',
    'the identity of informants, or of witnesses not otherwise known whose safety would be endangered or who would be subject to threat or intimidation if their identity were known',
  ),
  lawEnforcement('B', 'minor witnesses', 'the identity of minor witnesses'),
  lawEnforcement('C', 'signed witness statements', 'signed statements of witnesses'),
  lawEnforcement(
    'D',
    'prospective law enforcement action',
    'information to be used in a prospective law enforcement action, if prejudicial to that action',
  ),
  lawEnforcement(
    'E',
    'investigatory techniques',
    'investigatory techniques not otherwise known to the general public',
  ),
  lawEnforcement(
    'F',
    'juvenile arrest records',
    'arrest records of a juvenile, including investigatory files concerning the arrest',
  ),
  lawEnforcement(
    'G',
    'identity of certain crime victims',
    'the name and address of the victim of a sexual assault, voyeurism, risk of injury to a minor or family violence offense, or of an attempt',
  ),
  lawEnforcement(
    'H',
    'uncorroborated allegations',
    'uncorroborated allegations subject to destruction under C.G.S. §1-216',
  ),
  b(
    '(4)',
    'Pending claims or litigation strategy',
    'Records of strategy and negotiations about pending claims or pending litigation to which the agency is a party, until the claim or litigation is finally adjudicated or settled.',
  ),
  b(
    '(5)(A)',
    'Trade secrets',
    'Trade secrets as the Freedom of Information Act defines them: information that derives independent economic value from not being generally known and is the subject of reasonable efforts to keep it secret.',
  ),
  b(
    '(5)(B)',
    'Commercial or financial information given in confidence',
    'Commercial or financial information given in confidence and not required by statute.',
  ),
  b(
    '(6)',
    'Test questions and examination data',
    'Test questions, scoring keys and other examination data used to administer a licensing examination, an examination for employment or an academic examination.',
  ),
  b(
    '(7)',
    'Real estate appraisals and estimates before acquisition',
    'Real estate appraisals, engineering or feasibility estimates and evaluations made for or by the agency about the acquisition of property or prospective public supply and construction contracts, until all the property has been acquired or the proceedings or transactions are terminated or abandoned.',
  ),
  b(
    '(8)',
    'Personal financial data filed for a license',
    'Statements of personal worth or personal financial data required by a licensing agency and filed by an applicant to establish personal qualification for a license, certificate or permit.',
  ),
  b(
    '(9)',
    'Collective bargaining strategy',
    'Records, reports and statements of strategy or negotiations about collective bargaining.',
  ),
  b(
    '(10)',
    'Tax returns, records exempt by other law, and privileged communications',
    'Records, tax returns, reports and statements exempted by federal law or the General Statutes, and communications privileged by the attorney-client relationship, marital privilege or any other privilege established by common law or the General Statutes.',
  ),
  b(
    '(11)',
    'Names or addresses of students',
    'Names or addresses of students enrolled in a public school or college, without the consent of the student (18 or older) or of a parent or guardian (under 18).',
  ),
  b('(12)', 'Information obtained illegally', 'Any information obtained by the use of illegal means.'),
  b(
    '(13)',
    'Whistle-blower investigations',
    'Records of an investigation, or the name of an employee providing information, under the whistle-blower provisions of C.G.S. §4-61dd or §§4-276 to 4-280.',
  ),
  b(
    '(14)',
    'Adoption records',
    'Adoption records and information provided for in C.G.S. §§45a-746, 45a-750 and 45a-751.',
  ),
  b(
    '(15)',
    'Petition pages before certification',
    'A page of a primary, nominating or referendum petition, or a petition for a town meeting, until its processing and certification have been completed.',
  ),
  b(
    '(16)',
    'Health complaints under investigation',
    'Records of complaints brought to a municipal health authority or a district department of health, and information compiled investigating them, until the investigation is concluded or thirty days after the complaint was received, whichever comes first.',
  ),
  b(
    '(17)',
    'Educational records protected by FERPA',
    'Educational records that are not subject to disclosure under the Family Educational Rights and Privacy Act, 20 U.S.C. §1232g.',
  ),
  b(
    '(18)',
    'Correctional safety risk (state determination)',
    'Records whose disclosure the Commissioner of Correction (or, for Whiting Forensic Hospital, the Commissioner of Mental Health and Addiction Services) has reasonable grounds to believe may result in a safety risk at a correctional institution or facility.',
    'A state determination: a city office does not make it.',
  ),
  b(
    '(19)',
    'Safety risk',
    'Records when there are reasonable grounds to believe disclosure may result in a safety risk, including the risk of harm to any person or to a government-owned or leased institution or facility. For a municipal agency the reasonable grounds are determined by the Commissioner of Emergency Services and Public Protection after consultation with the agency’s chief executive officer.',
    'Cite only after the Mayor’s office has obtained the DESPP Commissioner’s determination for these records; record its date and reference. The records must still be disclosed to a law enforcement agency that asks for them.',
  ),
  b(
    '(20)',
    'Information technology security',
    'Records of standards, procedures, processes, software and codes, not otherwise available to the public, whose disclosure would compromise the security or integrity of an information technology system.',
  ),
  b(
    '(21)',
    'Address confidentiality program participants',
    'The residential, work or school address of a participant in the address confidentiality program under C.G.S. §§54-240 to 54-240o.',
  ),
  b(
    '(22)',
    'Traffic alert e-mail addresses',
    'E-mail addresses the Department of Transportation obtains to inform people about significant traffic problems.',
  ),
  b(
    '(23)',
    'Minors in parks and recreation programs',
    'The name or address of a minor enrolled in a parks and recreation program administered or sponsored by a public agency.',
  ),
  b(
    '(24)',
    'Proposals and bids before the contract is executed',
    'Responses to a request for proposals or bid solicitation, and records made in the contract award process, until the contract is executed or negotiations end, where the chief executive officer certifies that the public interest in confidentiality outweighs the public interest in disclosure.',
    'Needs the chief executive officer’s certification on file.',
  ),
  b(
    '(25)',
    'Senior center participants',
    'The name, address, telephone number or e-mail address of a person enrolled in a senior center program or a member of a senior center administered or sponsored by a public agency.',
  ),
  b(
    '(27)',
    'Images of a homicide victim',
    'A photograph, film, video or other visual image depicting the victim of a homicide, to the extent it could reasonably be expected to constitute an unwarranted invasion of the personal privacy of the victim or the victim’s surviving family members.',
  ),
  {
    code: '1-217',
    shortTitle: 'Residential addresses of protected employees',
    citation: 'C.G.S. §1-217',
    text: 'The residential address of people the statute lists (among them judges, sworn police officers, firefighters, Department of Correction and Department of Children and Families employees, Judicial Branch employees, prosecutors, public defenders and state marshals) may not be disclosed from personnel, medical or similar files.',
  },
  {
    code: 'ferpa',
    shortTitle: 'Student education records (FERPA)',
    citation: 'Family Educational Rights and Privacy Act, 20 U.S.C. §1232g, through C.G.S. §1-210(a)',
    text: 'Personally identifiable information from student education records, which federal law bars from disclosure without consent.',
  },
  {
    code: 'hipaa',
    shortTitle: 'Protected health information (HIPAA)',
    citation: 'HIPAA Privacy Rule, 45 C.F.R. Parts 160 and 164, through C.G.S. §1-210(a)',
    text: 'Protected health information held by a covered entity, which federal law bars from disclosure without the individual’s authorization.',
    note: 'Applies only where the city office holding the record is a HIPAA covered entity or business associate.',
  },
  {
    code: '19a-411',
    shortTitle: 'Autopsy reports of the Chief Medical Examiner',
    citation: 'C.G.S. §19a-411, through C.G.S. §1-210(a)',
    text: 'Reports of examinations and autopsies by the Office of the Chief Medical Examiner, which state law keeps from public disclosure.',
  },
  {
    code: OTHER_STATUTE,
    shortTitle: 'Confidential under another federal law or state statute',
    citation: 'C.G.S. §1-210(a)',
    text: 'Public records are open "except as otherwise provided by any federal law or state statute"; the statute named in this citation makes these records confidential.',
    note: 'Give the exact statute (e.g. "C.G.S. §14-10") as the citation text.',
  },
]);

const byCode = new Map(EXEMPTIONS.map((exemption) => [exemption.code, exemption]));

export function findExemption(code: string): Exemption | undefined {
  return byCode.get(code);
}

const MAX_CITATION_LENGTH = 200;

/**
 * The exemptions a denial or redaction cites, in the order given (repeats
 * dropped). At least one is required and every code must be known;
 * 'other-statute' needs the statute's citation, which is printed with it.
 */
export function requireCitations(codes: string[], otherStatuteCitation?: string): Exemption[] {
  const issues: FieldIssue[] = [];
  const cited: Exemption[] = [];
  const extra =
    typeof otherStatuteCitation === 'string' ? otherStatuteCitation.replace(/\s+/g, ' ').trim() : '';

  if (!Array.isArray(codes) || codes.length === 0)
    issues.push({ path: 'exemptions', message: 'cite at least one exemption' });
  else
    codes.forEach((code, i) => {
      const exemption = typeof code === 'string' ? byCode.get(code) : undefined;
      if (!exemption) issues.push({ path: `exemptions[${i}]`, message: 'is not a known exemption code' });
      else if (!cited.some((c) => c.code === exemption.code)) cited.push(exemption);
    });

  const citesOther = cited.some((c) => c.code === OTHER_STATUTE);
  if (citesOther && extra.length === 0)
    issues.push({ path: 'otherStatuteCitation', message: 'name the federal law or state statute relied on' });
  else if (extra.length > MAX_CITATION_LENGTH)
    issues.push({
      path: 'otherStatuteCitation',
      message: `must be at most ${MAX_CITATION_LENGTH} characters`,
    });
  else if (!citesOther && extra.length > 0 && Array.isArray(codes) && codes.length > 0)
    // A citation nobody will see on the letter is a mistake worth catching.
    issues.push({ path: 'otherStatuteCitation', message: `only goes with the '${OTHER_STATUTE}' exemption` });

  if (issues.length) throw badRequest('The exemptions cited are not valid.', issues);
  return cited.map((c) =>
    c.code === OTHER_STATUTE ? { ...c, citation: `${extra}, through C.G.S. §1-210(a)` } : { ...c },
  );
}
