import type { output } from 'zod/v4/core';
import type { StaffVersionView } from '../schemas/publishing';
import { uncoveredFindings, type DatasetVersion } from '../../domain/datasets/versions';

/** Everything staff need to decide on a version; cell values never appear (findings carry row numbers only). */
export function staffVersionView(v: DatasetVersion): output<typeof StaffVersionView> {
  return {
    datasetId: v.datasetId,
    version: v.version,
    state: v.state,
    fileName: v.fileName,
    createdAt: v.createdAt,
    createdBy: v.createdBy,
    ...(v.rowCount !== undefined ? { rowCount: v.rowCount } : {}),
    ...(v.sizeBytes !== undefined ? { sizeBytes: v.sizeBytes } : {}),
    ...(v.contentSha256 ? { contentSha256: v.contentSha256 } : {}),
    ...(v.columns ? { columns: v.columns } : {}),
    findings: v.findings ?? [],
    uncoveredFindings: uncoveredFindings(v),
    decisions: v.decisions,
    problems: v.problems ?? [],
    schemaChanges: (v.schemaChanges ?? []).map((c) => ({
      kind: c.kind,
      field: c.field,
      breaking: c.breaking,
    })),
    ...(v.publishedAt ? { publishedAt: v.publishedAt } : {}),
    ...(v.withdrawnAt ? { withdrawnAt: v.withdrawnAt } : {}),
    ...(v.withdrawReason ? { withdrawReason: v.withdrawReason } : {}),
  };
}
