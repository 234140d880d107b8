/**
 * What a column's header says about its contents. Run once per column when a
 * scanner is created, never per cell. Names are split into lower-case ASCII
 * tokens (snake_case, kebab-case, camelCase, spaces, letter/digit boundaries;
 * accents removed, '#' read as "no"), so `DateOfBirth`, `date_of_birth` and
 * `Date of Birth` all give [date, of, birth]. Rules match whole tokens, never
 * substrings, so `classname` is not an SSN column and `adobe` is not a DOB.
 */

/** What the header of one column suggests. */
export interface ColumnNameTraits {
  /** SSN, social security or taxpayer id. */
  ssn: boolean;
  /** Birth date. */
  birth: boolean;
  /** Phone, telephone, mobile, cell or fax number. */
  phone: boolean;
  /** Driver's license, operator license or DL number. */
  driversLicense: boolean;
  /** Bank account number or IBAN. */
  bankAccount: boolean;
  /** Bank routing (ABA) number. */
  routingNumber: boolean;
  /** Holds the name of a person (name, first_name, owner, tenant, ...). */
  personName: boolean;
  /** The address of a person (owner_address, home_address, residence ...). */
  personAddress: boolean;
}

export function columnNameTokens(name: string): string[] {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/#/g, ' no ')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/([A-Za-z])(\d)/g, '$1 $2')
    .replace(/(\d)([A-Za-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((t) => t.length > 0);
}

const set = (...words: string[]): ReadonlySet<string> => new Set(words);

const SSN_TOKENS = set('ssn', 'ssns', 'ssno', 'ssnum', 'ssnumber', 'socsec', 'tin', 'itin');
const NUMBER_TOKENS = set('no', 'num', 'number', 'nbr', 'nr', 'id');

const BIRTH_TOKENS = set('dob', 'dobs', 'bdate', 'bday', 'born', 'nacimiento', 'nascimento');

const PHONE_TOKENS = set(
  'phone',
  'phones',
  'telephone',
  'tel',
  'telno',
  'tele',
  'mobile',
  'cell',
  'cellular',
  'fax',
  'faxno',
  'pager',
  'telefono',
  'telefone',
  'celular',
);

const LICENSE_TOKENS = set('license', 'licence', 'lic', 'licno', 'licnum', 'licenseno', 'licenceno');
const DL_TOKENS = set(
  'dl',
  'dln',
  'oln',
  'dlno',
  'dlnum',
  'driverslicense',
  'driverlicense',
  'operatorlicense',
);
const DRIVER_TOKENS = set('driver', 'drivers', 'operator', 'operators');
/** Licenses that are not a person's driver's license. */
const NOT_DL_TOKENS = set(
  'plate',
  'plates',
  'tag',
  'dog',
  'dogs',
  'liquor',
  'business',
  'vendor',
  'contractor',
  'marriage',
  'vehicle',
);

const ACCOUNT_TOKENS = set(
  'account',
  'accounts',
  'acct',
  'accts',
  'acc',
  'accno',
  'acctno',
  'acctnum',
  'accountno',
  'accountnumber',
  'bankaccount',
  'iban',
  'checking',
  'savings',
);
const ROUTING_TOKENS = set('routing', 'aba', 'rtn', 'routingno', 'routingnumber');
/** Words that make an "account" column about ledgers, money or labels rather than a bank account number. */
const NOT_ACCOUNT_TOKENS = set(
  'gl',
  'ledger',
  'general',
  'fund',
  'funds',
  'budget',
  'budgeted',
  'expense',
  'expenses',
  'expenditure',
  'revenue',
  'object',
  'code',
  'codes',
  'description',
  'desc',
  'name',
  'title',
  'type',
  'category',
  'class',
  'balance',
  'amount',
  'amt',
  'total',
  'count',
  'status',
  'date',
  'holder',
  'owner',
  'manager',
  'org',
  'organization',
  'department',
  'dept',
  'segment',
);

/** People a record can be about (members of the public, and staff). */
const PERSON_ROLE_TOKENS = set(
  'owner',
  'owners',
  'homeowner',
  'resident',
  'residents',
  'applicant',
  'applicants',
  'complainant',
  'victim',
  'victims',
  'suspect',
  'suspects',
  'arrestee',
  'arrestees',
  'offender',
  'defendant',
  'plaintiff',
  'witness',
  'employee',
  'employees',
  'patient',
  'patients',
  'student',
  'students',
  'pupil',
  'tenant',
  'tenants',
  'occupant',
  'landlord',
  'renter',
  'lessee',
  'lessor',
  'buyer',
  'seller',
  'grantor',
  'grantee',
  'borrower',
  'taxpayer',
  'voter',
  'requester',
  'requestor',
  'claimant',
  'decedent',
  'deceased',
  'inmate',
  'juvenile',
  'parent',
  'guardian',
  'spouse',
  'child',
  'minor',
  'person',
  'individual',
  'citizen',
  'customer',
  'client',
  'patron',
  'caller',
  'contact',
  'member',
  'recipient',
  'beneficiary',
  'payee',
  'driver',
  'passenger',
  'pedestrian',
  'volunteer',
  'worker',
  'teacher',
  'holder',
  'petitioner',
  'respondent',
  'registrant',
);
/** Tokens that are a person's name on their own. */
const PERSON_NAME_TOKENS = set(
  'firstname',
  'lastname',
  'fullname',
  'middlename',
  'surname',
  'forename',
  'givenname',
  'familyname',
  'maidenname',
  'fname',
  'lname',
  'nombre',
  'apellido',
  'apellidos',
);
const NAME_TOKENS = set('name', 'names', 'nm');
/** Words that make "name" a person's name (first_name, last_name ...). */
const NAME_QUALIFIER_TOKENS = set(
  'first',
  'last',
  'middle',
  'full',
  'given',
  'family',
  'sur',
  'maiden',
  'nick',
  'legal',
  'preferred',
  'mi',
  'initial',
);
/** Words that may accompany a person-name column without changing what it holds. */
const PERSON_MODIFIER_TOKENS = set(
  'of',
  'the',
  'and',
  'primary',
  'secondary',
  'co',
  'joint',
  'property',
  'current',
  'previous',
  'prior',
  'former',
  'new',
  'alt',
  'other',
  'additional',
);

const ADDRESS_TOKENS = set('address', 'addresses', 'addr', 'residence', 'domicile');
const HOME_TOKENS = set('home', 'residential', 'residence', 'domicile');

function isPersonNameColumn(tokens: readonly string[]): boolean {
  const words = tokens.filter((t) => !/^\d+$/.test(t));
  if (words.length === 0) return false;
  let role = false;
  let name = false;
  let namePart = false;
  let qualifier = false;
  for (const t of words) {
    if (PERSON_ROLE_TOKENS.has(t)) role = true;
    else if (PERSON_NAME_TOKENS.has(t)) namePart = true;
    else if (NAME_TOKENS.has(t)) name = true;
    else if (NAME_QUALIFIER_TOKENS.has(t)) qualifier = true;
    else if (!PERSON_MODIFIER_TOKENS.has(t)) return false;
  }
  return role || namePart || (name && (qualifier || words.length === 1));
}

export function classifyColumnName(columnName: string): ColumnNameTraits {
  const tokens = columnNameTokens(columnName);
  const has = (words: ReadonlySet<string>) => tokens.some((t) => words.has(t));
  const compact = tokens.join('');

  const ssn =
    has(SSN_TOKENS) ||
    tokens.some((t) => t.length <= 8 && (t.startsWith('ssn') || t.endsWith('ssn'))) ||
    (tokens.includes('ss') && has(NUMBER_TOKENS)) ||
    compact.includes('socialsecurity') ||
    compact.includes('taxpayerid') ||
    compact.includes('taxpayerno') ||
    compact.includes('taxpayernum') ||
    compact.includes('taxid');

  const birth =
    has(BIRTH_TOKENS) || tokens.some((t) => t.startsWith('birth')) || compact.includes('dateofbirth');

  const phone =
    has(PHONE_TOKENS) ||
    tokens.some((t) => t.startsWith('phone') || t.endsWith('phone')) ||
    compact.includes('contactnumber') ||
    compact.includes('contactno');

  const driversLicense =
    !has(NOT_DL_TOKENS) &&
    (has(DL_TOKENS) ||
      has(LICENSE_TOKENS) ||
      (has(DRIVER_TOKENS) && (has(NUMBER_TOKENS) || has(LICENSE_TOKENS))));

  const notAccount = has(NOT_ACCOUNT_TOKENS);
  const bankAccount = tokens.includes('iban') || (has(ACCOUNT_TOKENS) && !notAccount);
  const routingNumber = has(ROUTING_TOKENS) && !notAccount;

  const personName = isPersonNameColumn(tokens);
  const personAddress = has(ADDRESS_TOKENS) && (has(PERSON_ROLE_TOKENS) || has(HOME_TOKENS));

  return { ssn, birth, phone, driversLicense, bankAccount, routingNumber, personName, personAddress };
}
