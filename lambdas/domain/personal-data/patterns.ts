/**
 * The kinds of personal data the ingestion gate looks for, in report order.
 * Titles and descriptions are shown to staff in quarantine reports and the admin UI;
 * docs/personal-data-gate.md explains every rule in full.
 */
export type PersonalDataPattern =
  | 'us-ssn'
  | 'date-of-birth'
  | 'email-address'
  | 'phone-number'
  | 'ct-drivers-license'
  | 'payment-card-number'
  | 'bank-account-number'
  | 'street-address-of-person';

export interface PersonalDataPatternInfo {
  pattern: PersonalDataPattern;
  title: string;
  description: string;
}

/** Order matters: findings of one column are listed in this order. */
export const PERSONAL_DATA_PATTERNS: readonly PersonalDataPatternInfo[] = Object.freeze([
  {
    pattern: 'us-ssn',
    title: 'Social Security number',
    description:
      'A valid-looking US Social Security number written 123-45-6789 or 123 45 6789 anywhere in a cell, or 7 to 9 bare digits in a column named like an SSN or taxpayer id (area not 000, 666 or 900-999; group not 00; serial not 0000).',
  },
  {
    pattern: 'date-of-birth',
    title: 'Date of birth',
    description:
      'A calendar date (ISO, US numeric or with a month name) in a column whose name is about birth (dob, birth_date, date_of_birth, born ...). Dates in other columns are not personal.',
  },
  {
    pattern: 'email-address',
    title: 'E-mail address',
    description: 'An e-mail address (name@domain.tld) anywhere in a cell, including inside longer text.',
  },
  {
    pattern: 'phone-number',
    title: 'Phone number',
    description:
      'A North American phone number written with separators or a +1 prefix anywhere in a cell, e.g. (203) 555-0147, 203-555-0147, 203.555.0147, +1 203 555 0147; bare 10-digit, 7-digit local and +international numbers only in a column named like a phone, cell, mobile or fax number.',
  },
  {
    pattern: 'ct-drivers-license',
    title: "Driver's license number",
    description:
      "A 9-digit number (the Connecticut driver's license format) in a column named like a driver's license, operator license or DL number.",
  },
  {
    pattern: 'payment-card-number',
    title: 'Payment card number',
    description:
      'A 13-19 digit number, optionally grouped with spaces or dashes, with a known card-network prefix and length (Visa, Mastercard, Amex, Discover, JCB, Diners, UnionPay, Maestro, Mir) and a valid Luhn check digit, anywhere in a cell.',
  },
  {
    pattern: 'bank-account-number',
    title: 'Bank account or routing number',
    description:
      'In a column named like a bank account, routing/ABA number or IBAN: a 4-17 digit account number, an ABA routing number with a valid checksum, or an IBAN with a valid check.',
  },
  {
    pattern: 'street-address-of-person',
    title: 'Street address of a person',
    description:
      'A house number followed by a street name and suffix (12 Main St, 4B Deer Hill Avenue Apt 2) in a dataset that also names people (name, owner, applicant, tenant ...), or in a column named like a person\u2019s or home address.',
  },
] as const);

/** Bit of each pattern in a cell's finding mask, in report order. */
export const PATTERN_COUNT = 8;
