/**
 * The deploying town's profile. Another Connecticut town edits this file (and
 * nothing else in code) to change its name and departments.
 */
export const CITY = {
  name: 'City of Danbury',
  state: 'CT',
  timeZone: 'America/New_York',
  publisherName: 'City of Danbury, Connecticut',
} as const;

export interface Department {
  id: string;
  name: string;
}

export const DEPARTMENTS = [
  { id: 'city-clerk', name: 'Office of the City Clerk' },
  { id: 'police', name: 'Danbury Police Department' },
  { id: 'public-works', name: 'Department of Public Works' },
  { id: 'finance', name: 'Finance Department' },
  { id: 'planning-zoning', name: 'Planning and Zoning' },
  { id: 'health', name: 'Health and Human Services' },
  { id: 'information-technology', name: 'Information Technology' },
] as const satisfies readonly Department[];

export type DepartmentId = (typeof DEPARTMENTS)[number]['id'];

export function departmentById(id: string): Department | undefined {
  return DEPARTMENTS.find((d) => d.id === id);
}

/**
 * Who gets the records-request reminders: each department's records liaison
 * (the daily digest when nobody is assigned) and head (escalation of overdue
 * requests), and the City Clerk, who gets every escalation. Shared mailboxes
 * are best: people change, the mailbox stays.
 */
export const RECORDS_CONTACTS: {
  cityClerk: string;
  departments: Record<DepartmentId, { liaison: string; head: string }>;
} = {
  cityClerk: 'cityclerk@danbury-ct.gov',
  departments: {
    'city-clerk': { liaison: 'records@danbury-ct.gov', head: 'cityclerk@danbury-ct.gov' },
    police: { liaison: 'police-records@danbury-ct.gov', head: 'police-chief@danbury-ct.gov' },
    'public-works': { liaison: 'dpw-records@danbury-ct.gov', head: 'dpw-director@danbury-ct.gov' },
    finance: { liaison: 'finance-records@danbury-ct.gov', head: 'finance-director@danbury-ct.gov' },
    'planning-zoning': {
      liaison: 'planning-records@danbury-ct.gov',
      head: 'planning-director@danbury-ct.gov',
    },
    health: { liaison: 'health-records@danbury-ct.gov', head: 'health-director@danbury-ct.gov' },
    'information-technology': { liaison: 'it-records@danbury-ct.gov', head: 'it-director@danbury-ct.gov' },
  },
};

export function recordsContactsOf(department: string): { liaison: string; head: string } {
  return (
    (RECORDS_CONTACTS.departments as Record<string, { liaison: string; head: string }>)[department] ?? {
      liaison: RECORDS_CONTACTS.cityClerk,
      head: RECORDS_CONTACTS.cityClerk,
    }
  );
}
