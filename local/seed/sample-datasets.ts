/**
 * Sample datasets for local mode: generated, deterministic, Danbury-flavoured,
 * and labelled as sample data everywhere they appear. They carry no personal data.
 */
import type { DatasetColumn, DatasetRecord } from '../../lambdas/domain/datasets/dataset';

export interface SampleDataset {
  record: Pick<
    DatasetRecord,
    | 'datasetId'
    | 'title'
    | 'description'
    | 'keywords'
    | 'ownerDepartment'
    | 'contactName'
    | 'contactEmail'
    | 'license'
    | 'updateFrequency'
    | 'accessLevel'
    | 'columns'
  > & { sortable: string[]; primaryKey?: string };
  rows: (string | number)[][];
}

/** Small deterministic PRNG (mulberry32) so every machine seeds the same rows. */
function random(seed: number) {
  let a = seed;
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const STREETS = [
  'Main Street',
  'White Street',
  'Lake Avenue',
  'Federal Road',
  'Padanaram Road',
  'Osborne Street',
  'West Street',
  'Deer Hill Avenue',
  'Kenosia Avenue',
  'Newtown Road',
  'Backus Avenue',
  'Mill Plain Road',
  'Clapboard Ridge Road',
  'Candlewood Lake Road',
];

function pick<T>(rand: () => number, items: readonly T[]): T {
  return items[Math.floor(rand() * items.length)]!;
}

function day(rand: () => number, fromIso: string, spanDays: number): Date {
  return new Date(Date.parse(fromIso) + Math.floor(rand() * spanDays) * 86_400_000);
}

const isoDate = (d: Date) => d.toISOString().slice(0, 10);
const SAMPLE_NOTE = 'SAMPLE DATA generated for demonstration: not real City of Danbury records.';
const columns = (...cols: [string, DatasetColumn['type'], string][]): DatasetColumn[] =>
  cols.map(([name, type, description]) => ({ name, type, description }));

function buildingPermits(): SampleDataset {
  const rand = random(1);
  const types = [
    'Residential alteration',
    'New single-family',
    'Commercial fit-out',
    'Roofing',
    'Solar PV',
    'Demolition',
  ];
  const statuses = ['Issued', 'Finaled', 'Under review', 'Expired'];
  const rows = Array.from({ length: 240 }, (_, i) => {
    const issued = day(rand, '2025-07-01', 365);
    return [
      `BP-2025-${String(i + 1).padStart(5, '0')}`,
      isoDate(issued),
      pick(rand, types),
      pick(rand, STREETS),
      Math.round(2_000 + rand() * 480_000),
      pick(rand, statuses),
    ];
  });
  return {
    record: {
      datasetId: 'building-permits',
      title: 'Building Permits (sample data)',
      description: `Building permits issued by the Building Department, with type, street, estimated cost and status. ${SAMPLE_NOTE}`,
      keywords: ['permits', 'construction', 'housing'],
      ownerDepartment: 'planning-zoning',
      contactName: 'Planning and Zoning Office',
      contactEmail: 'planning@danbury.local',
      license: 'https://creativecommons.org/publicdomain/zero/1.0/',
      updateFrequency: 'R/P1W',
      accessLevel: 'public',
      sortable: ['issue_date', 'estimated_cost'],
      primaryKey: 'permit_number',
      columns: columns(
        ['permit_number', 'text', 'Permit number'],
        ['issue_date', 'date', 'Date the permit was issued'],
        ['permit_type', 'text', 'Kind of work'],
        ['street_name', 'text', 'Street of the property (no house number)'],
        ['estimated_cost', 'integer', 'Estimated cost of the work in US dollars'],
        ['status', 'text', 'Permit status'],
      ),
    },
    rows,
  };
}

function potholeRepairs(): SampleDataset {
  const rand = random(2);
  const rows = Array.from({ length: 320 }, (_, i) => {
    const reported = day(rand, '2026-01-05', 300);
    const daysToRepair = 1 + Math.floor(rand() * 14);
    return [
      `PW-${String(26000 + i)}`,
      isoDate(reported),
      isoDate(new Date(reported.getTime() + daysToRepair * 86_400_000)),
      pick(rand, STREETS),
      1 + Math.floor(rand() * 7),
      daysToRepair,
    ];
  });
  return {
    record: {
      datasetId: 'pothole-repairs',
      title: 'Pothole Repairs (sample data)',
      description: `Pothole reports and the date Public Works crews repaired them. ${SAMPLE_NOTE}`,
      keywords: ['roads', 'public works', 'service requests'],
      ownerDepartment: 'public-works',
      contactName: 'Department of Public Works',
      contactEmail: 'publicworks@danbury.local',
      license: 'https://creativecommons.org/publicdomain/zero/1.0/',
      updateFrequency: 'R/P1D',
      accessLevel: 'public',
      sortable: ['reported_date', 'days_to_repair'],
      primaryKey: 'request_id',
      columns: columns(
        ['request_id', 'text', 'Service request id'],
        ['reported_date', 'date', 'Date reported'],
        ['repaired_date', 'date', 'Date repaired'],
        ['street_name', 'text', 'Street'],
        ['ward', 'integer', 'City council ward (1-7)'],
        ['days_to_repair', 'integer', 'Days from report to repair'],
      ),
    },
    rows,
  };
}

function restaurantInspections(): SampleDataset {
  const rand = random(3);
  const names = [
    'Candlewood Diner',
    'Main Street Pizza',
    'Lake Avenue Bistro',
    'Hat City Bagels',
    'Federal Road Grill',
    'Kenosia Cafe',
    'White Street Noodles',
    'Padanaram Deli',
  ];
  const rows = Array.from({ length: 180 }, () => {
    const score = 70 + Math.floor(rand() * 31);
    return [
      pick(rand, names),
      isoDate(day(rand, '2025-10-01', 400)),
      score,
      score >= 80 ? 'Pass' : 'Re-inspection required',
      score >= 90 ? 0 : Math.floor(rand() * 4),
    ];
  });
  return {
    record: {
      datasetId: 'restaurant-inspections',
      title: 'Restaurant Inspections (sample data)',
      description: `Food service establishment inspections by the Health Department. ${SAMPLE_NOTE}`,
      keywords: ['health', 'food safety', 'inspections'],
      ownerDepartment: 'health',
      contactName: 'Health and Human Services',
      contactEmail: 'health@danbury.local',
      license: 'https://creativecommons.org/publicdomain/zero/1.0/',
      updateFrequency: 'R/P1M',
      accessLevel: 'public',
      sortable: ['inspection_date', 'score'],
      columns: columns(
        ['establishment', 'text', 'Establishment name'],
        ['inspection_date', 'date', 'Date of inspection'],
        ['score', 'integer', 'Inspection score (0-100)'],
        ['result', 'text', 'Outcome'],
        ['critical_violations', 'integer', 'Number of critical violations'],
      ),
    },
    rows,
  };
}

function policeCalls(): SampleDataset {
  const rand = random(4);
  const callTypes = [
    'Traffic stop',
    'Noise complaint',
    'Alarm',
    'Motor vehicle accident',
    'Suspicious activity',
    'Welfare check',
    'Parking complaint',
  ];
  const rows = Array.from({ length: 400 }, (_, i) => {
    const at = new Date(day(rand, '2026-06-01', 150).getTime() + Math.floor(rand() * 86_400) * 1000);
    return [
      `DPD-26-${String(10000 + i)}`,
      at.toISOString(),
      pick(rand, callTypes),
      `District ${1 + Math.floor(rand() * 5)}`,
      1 + Math.floor(rand() * 4),
    ];
  });
  return {
    record: {
      datasetId: 'police-calls-for-service',
      title: 'Police Calls for Service (sample data)',
      description: `Calls for service by type and district, without names or addresses. ${SAMPLE_NOTE}`,
      keywords: ['public safety', 'police', 'service requests'],
      ownerDepartment: 'police',
      contactName: 'Danbury Police Department Records Unit',
      contactEmail: 'police-records@danbury.local',
      license: 'https://creativecommons.org/publicdomain/zero/1.0/',
      updateFrequency: 'R/P1D',
      accessLevel: 'public',
      sortable: ['received_at', 'priority'],
      primaryKey: 'incident_number',
      columns: columns(
        ['incident_number', 'text', 'Incident number'],
        ['received_at', 'datetime', 'When the call was received (UTC)'],
        ['call_type', 'text', 'Type of call'],
        ['district', 'text', 'Patrol district'],
        ['priority', 'integer', 'Dispatch priority (1 = highest)'],
      ),
    },
    rows,
  };
}

export const SAMPLE_DATASETS: SampleDataset[] = [
  buildingPermits(),
  potholeRepairs(),
  restaurantInspections(),
  policeCalls(),
];

/** RFC 4180 CSV: quote fields that need it. */
export function toCsv(columnNames: string[], rows: (string | number)[][]): string {
  const field = (v: string | number) => {
    const s = String(v);
    return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  };
  return [columnNames, ...rows].map((r) => r.map(field).join(',')).join('\r\n') + '\r\n';
}
