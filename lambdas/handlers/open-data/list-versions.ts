// GET /v1/datasets/{datasetId}/versions → published (and withdrawn) versions, newest first.
import * as routes from '../../api/routes/open-data';
import { datasetRegistry } from '../../adapters/datasets-wiring';
import { getPublishedDataset } from '../../domain/datasets/catalog';
import { httpHandler } from '../../shared/http-handler';

const registry = datasetRegistry();

export const handler = httpHandler(routes.listDatasetVersions, async ({ params, baseUrl }) => {
  const dataset = await getPublishedDataset(registry.catalog, params.datasetId);
  const versions = (await registry.listVersions(params.datasetId))
    .filter((v) => v.state === 'published' || (v.state === 'withdrawn' && v.publishedAt))
    .sort((a, b) => b.version - a.version);
  const base = `${baseUrl}/v1/datasets/${params.datasetId}`;
  return {
    statusCode: 200,
    body: {
      datasetId: dataset.datasetId,
      currentVersion: dataset.currentVersion,
      versions: versions.map((v) => ({
        version: v.version,
        state: v.state as 'published' | 'withdrawn',
        rowCount: v.rowCount ?? 0,
        ...(v.publishedAt ? { publishedAt: v.publishedAt } : {}),
        ...(v.withdrawnAt ? { withdrawnAt: v.withdrawnAt } : {}),
        ...(v.state === 'published' && v.contentSha256 ? { contentSha256: v.contentSha256 } : {}),
        links:
          v.state === 'published'
            ? {
                rows: `${base}/rows?version=${v.version}`,
                download: `${base}/download?version=${v.version}`,
                dictionary: `${base}/dictionary?version=${v.version}`,
              }
            : {},
      })),
    },
  };
});
