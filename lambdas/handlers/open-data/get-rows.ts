// GET /v1/datasets/{datasetId}/rows (API key) → readRows → JSON or CSV page, ETag, next cursor.
import * as routes from '../../api/routes/open-data';
import { datasetRegistry } from '../../adapters/datasets-wiring';
import { rowChunks } from '../../adapters/dataset-files-wiring';
import { readRows, rowsToCsv } from '../../domain/rows/read-rows';
import { sharedApiKeyAdmission } from '../../adapters/api-access/api-access-wiring';
import { httpHandler, requestHeader, type HttpResult } from '../../shared/http-handler';

const registry = datasetRegistry();
const chunks = rowChunks();

export const handler = httpHandler(
  routes.getRows,
  async ({ params, query, event, baseUrl }): Promise<HttpResult> => {
    const wantsCsv =
      query.format === 'csv' || (!query.format && /\btext\/csv\b/.test(requestHeader(event, 'accept') ?? ''));
    const ifNoneMatch = requestHeader(event, 'if-none-match');
    const result = await readRows(registry.catalog, registry, (id, v) => chunks.reader(id, v), {
      datasetId: params.datasetId,
      ...query,
      format: wantsCsv ? 'csv' : 'json',
      ...(ifNoneMatch ? { ifNoneMatch } : {}),
    });
    if (result.notModified) return { statusCode: 304, rawBody: '', headers: { ETag: result.etag } };

    const headers: Record<string, string> = {
      ETag: result.etag,
      'X-Total-Rows': String(result.totalRows),
      'X-Dataset-Version': String(result.version),
      ...(result.lastModified ? { 'Last-Modified': new Date(result.lastModified).toUTCString() } : {}),
    };
    if (result.nextCursor) {
      const next = new URLSearchParams(
        Object.entries({ ...query, version: result.version, cursor: result.nextCursor }).flatMap(
          ([k, v]): [string, string][] => (v === undefined ? [] : [[k, String(v)]]),
        ),
      );
      headers['X-Next-Cursor'] = result.nextCursor;
      headers.Link = `<${baseUrl}/v1/datasets/${params.datasetId}/rows?${next}>; rel="next"`;
    }
    if (wantsCsv) {
      return {
        statusCode: 200,
        rawBody: rowsToCsv(result.columns, result.rows),
        headers: { ...headers, 'Content-Type': 'text/csv; charset=utf-8' },
      };
    }
    return {
      statusCode: 200,
      headers,
      body: {
        datasetId: result.datasetId,
        version: result.version,
        totalRows: result.totalRows,
        columns: result.columns,
        rows: result.rows.map((row) => Object.fromEntries(result.columns.map((c, i) => [c.field, row[i]]))),
        nextCursor: result.nextCursor,
        scannedRows: result.scannedRows,
        scanBudgetExhausted: result.scanBudgetExhausted,
      },
    };
  },
  { admit: sharedApiKeyAdmission() },
);
