/**
 * quarantinedVersionsFor (lambdas/domain/datasets/publishing.ts), the one rule the admin
 * dashboard's count and the datasets page's list share, against the real registry on
 * DynamoDB Local: the gate's work-queue index, each version's dataset, who may act on it.
 */
import { DynamoDatasetRegistry } from '../../lambdas/adapters/dataset-registry';
import { auditEvent } from '../../lambdas/domain/audit';
import type { DatasetRecord } from '../../lambdas/domain/datasets/dataset';
import { quarantinedVersionsFor } from '../../lambdas/domain/datasets/publishing';
import type { DatasetVersion } from '../../lambdas/domain/datasets/versions';
import type { StaffPrincipal } from '../../lambdas/shared/staff';
import { freshPlatformStorage } from '../support/local-aws';

const clock = {
  now: () => '2026-11-02T15:00:00.000Z',
  newId: () => `01J${String(Math.random()).slice(2, 25)}`,
};
const system = { system: 'test' };

const dataset = (id: string, ownerDepartment: string): DatasetRecord => ({
  datasetId: id,
  title: `Dataset ${id}`,
  description: 'Integration test dataset',
  keywords: ['test'],
  ownerDepartment,
  contactName: 'Test',
  contactEmail: 'test@danbury.local',
  license: 'CC0',
  updateFrequency: 'R/P1D',
  accessLevel: 'public',
  status: 'draft',
  currentVersion: 0,
  rowCount: 0,
  columns: [],
  createdAt: '2026-11-01T00:00:00.000Z',
  modifiedAt: '2026-11-01T00:00:00.000Z',
  sampleData: false,
});

const version = (datasetId: string, n: number, state: DatasetVersion['state']): DatasetVersion => ({
  datasetId,
  version: n,
  state,
  fileName: `${datasetId}.csv`,
  uploadKey: `staging/${datasetId}/${n}.csv`,
  sortable: [],
  acceptBreakingChange: false,
  createdAt: '2026-11-02T14:00:00.000Z',
  createdBy: 'staff-1',
  decisions: [],
});

const staff = (roles: StaffPrincipal['roles'], department?: string): StaffPrincipal => ({
  userId: `u-${roles.join('-')}-${department ?? 'all'}`,
  username: 'someone',
  roles,
  ...(department ? { department } : {}),
});

describe('quarantinedVersionsFor against DynamoDB Local', () => {
  let storage: Awaited<ReturnType<typeof freshPlatformStorage>>;
  let registry: DynamoDatasetRegistry;

  beforeAll(async () => {
    storage = await freshPlatformStorage('quarantine');
    registry = new DynamoDatasetRegistry(storage.db, storage.tableName);
    const audit = (id: string) => auditEvent(clock, system, 'test.created', { type: 'dataset', id }, {});
    for (const [id, owner] of [
      ['potholes', 'public-works'],
      ['plow-routes', 'public-works'],
      ['calls', 'police'],
    ] as const) {
      await registry.createDataset(dataset(id, owner), audit(id));
    }
    await registry.createVersion(version('potholes', 1, 'quarantined'), audit('potholes'));
    await registry.createVersion(version('potholes', 2, 'quarantined'), audit('potholes'));
    await registry.createVersion(version('plow-routes', 1, 'ready'), audit('plow-routes'));
    await registry.createVersion(version('calls', 1, 'quarantined'), audit('calls'));
  });
  afterAll(() => storage.close());

  const held = async (principal: StaffPrincipal, limit?: number) => {
    const { items, more } = await quarantinedVersionsFor(registry, principal, limit);
    return {
      versions: items
        .map(({ version: v, dataset: d }) => `${v.datasetId}/${v.version} ${d.ownerDepartment}`)
        .sort(),
      more,
    };
  };

  it('gives department staff their department’s quarantined versions, with their datasets', async () => {
    expect(await held(staff(['department-staff'], 'public-works'))).toEqual({
      versions: ['potholes/1 public-works', 'potholes/2 public-works'],
      more: false,
    });
    expect(await held(staff(['department-staff'], 'police'))).toEqual({
      versions: ['calls/1 police'],
      more: false,
    });
  });

  it('gives City IT every quarantined version, and only quarantined ones', async () => {
    expect(await held(staff(['it-admin']))).toEqual({
      versions: ['calls/1 police', 'potholes/1 public-works', 'potholes/2 public-works'],
      more: false,
    });
  });

  it('says there may be more when the gate holds as many as it read', async () => {
    const { versions, more } = await held(staff(['it-admin']), 2);
    expect(versions).toHaveLength(2);
    expect(more).toBe(true);
  });
});
