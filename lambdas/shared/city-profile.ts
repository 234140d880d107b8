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
