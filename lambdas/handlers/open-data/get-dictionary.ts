// GET /v1/datasets/{datasetId}/dictionary → the version's data dictionary (Frictionless Table Schema).
import { openDataRoutes as routes } from '../../api/routes/open-data';
import { datasetRegistry } from '../../adapters/datasets-wiring';
import { getPublishedVersion } from '../../domain/datasets/catalog';
import { buildDataDictionary } from '../../domain/datasets/dictionary';
import { httpHandler } from '../../shared/http-handler';

const registry = datasetRegistry();

export const handler = httpHandler(routes.getDataDictionary, async ({ params, query, baseUrl }) => {
  const { dataset, version } = await getPublishedVersion(
    registry.catalog,
    registry,
    params.datasetId,
    query.version,
  );
  const dictionary = buildDataDictionary(
    {
      datasetId: dataset.datasetId,
      title: dataset.title,
      version: version.version,
      rowCount: version.rowCount ?? 0,
      ...(dataset.primaryKey ? { primaryKey: dataset.primaryKey } : {}),
      columns: (version.columns ?? []).map((c) => ({
        field: c.field,
        title: c.title,
        type: c.type,
        description: c.description,
        sortable: c.sortable,
        personalData: version.decisions
          .filter((d) => d.column === c.title || d.column === c.field)
          .map((d) => ({
            pattern: d.pattern,
            decision: d.decision,
            reason: d.reason,
            decidedAt: d.decidedAt,
          })),
      })),
    },
    baseUrl,
  );
  return { statusCode: 200, body: dictionary };
});
