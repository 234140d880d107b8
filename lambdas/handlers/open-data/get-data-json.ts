// GET /data.json → every published public dataset as a DCAT-US 1.1 catalog.
import * as routes from '../../api/routes/open-data';
import { datasetRegistry } from '../../adapters/datasets-wiring';
import { listAllPublished } from '../../domain/datasets/catalog';
import { buildDcatCatalog } from '../../domain/datasets/dcat';
import { CITY, departmentById } from '../../shared/city-profile';
import { httpHandler } from '../../shared/http-handler';

const registry = datasetRegistry();

export const handler = httpHandler(routes.getDataJson, async ({ baseUrl }) => {
  const datasets = await listAllPublished(registry.catalog);
  const catalog = buildDcatCatalog(
    datasets.map((d) => ({
      datasetId: d.datasetId,
      title: d.title,
      description: d.description,
      keywords: d.keywords,
      publisherName: CITY.publisherName,
      ownerDepartmentName: departmentById(d.ownerDepartment)?.name ?? d.ownerDepartment,
      contactName: d.contactName,
      contactEmail: d.contactEmail,
      license: d.license,
      accessLevel: d.accessLevel,
      updateFrequency: d.updateFrequency,
      issuedAt: d.createdAt,
      modifiedAt: d.modifiedAt,
    })),
    baseUrl,
    { rowsApi: true },
  );
  return { statusCode: 200, body: catalog };
});
