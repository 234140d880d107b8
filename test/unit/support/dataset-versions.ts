/** Plain factories for dataset versions and staff principals in version-rule tests. */
import type { DatasetVersion, PersonalDataFinding } from '../../../lambdas/domain/datasets/versions';
import type { StaffPrincipal } from '../../../lambdas/shared/staff';

export const NOW = '2026-03-01T12:00:00.000Z';

export function datasetVersion(overrides: Partial<DatasetVersion> = {}): DatasetVersion {
  const version = overrides.version ?? 1;
  return {
    datasetId: 'pothole-repairs',
    version,
    state: 'ready',
    fileName: `potholes-v${version}.csv`,
    uploadKey: `staging/pothole-repairs/${version}/upload.csv`,
    sortable: [],
    acceptBreakingChange: false,
    createdAt: '2026-02-01T00:00:00.000Z',
    createdBy: 'pat.works',
    fileKey: `datasets/pothole-repairs/versions/${version}/potholes-v${version}.csv`,
    sizeBytes: 1000 + version,
    contentSha256: `sha-${version}`,
    rowCount: 10 * version,
    columns: [
      { field: 'request_id', title: 'Request ID', type: 'integer', description: 'Id', sortable: false },
      { field: `street_v${version}`, title: 'Street', type: 'text', description: 'Street', sortable: true },
    ],
    chunkRows: 1000,
    decisions: [],
    ...overrides,
  };
}

export function finding(
  column: string,
  pattern: PersonalDataFinding['pattern'],
  count = 1,
): PersonalDataFinding {
  return { column, pattern, count, sampleRows: [1] };
}

export function staff(overrides: Partial<StaffPrincipal> = {}): StaffPrincipal {
  return {
    userId: 'user-1',
    username: 'pat.works',
    roles: ['department-staff'],
    department: 'public-works',
    ...overrides,
  };
}

export const itAdmin = staff({
  userId: 'user-it',
  username: 'ira.it',
  roles: ['it-admin'],
  department: 'information-technology',
});
export const otherDepartment = staff({ userId: 'user-2', username: 'fin.staff', department: 'finance' });
