// GET /v1/records-requests/statistics → the table the daily statistics job keeps (JSON or CSV).
import * as routes from '../../api/routes/records';
import { recordsStore } from '../../adapters/records/records-wiring';
import { STATISTICS_COLUMNS, statisticsCsv } from '../../domain/records/statistics';
import { STATISTICS_DATASET_ID } from '../../domain/records/statistics-publication';
import { httpHandler } from '../../shared/http-handler';

const store = recordsStore();

export const handler = httpHandler(routes.getRecordsStatistics, async ({ query }) => {
  const stored = await store.getStatistics();
  const rows = stored?.rows ?? [];
  if (query.format === 'csv') {
    return {
      statusCode: 200,
      rawBody: statisticsCsv(rows),
      headers: { 'Content-Type': 'text/csv; charset=utf-8' },
    };
  }
  return {
    statusCode: 200,
    body: {
      computedAt: stored?.computedAt ?? null,
      dataset: STATISTICS_DATASET_ID,
      columns: STATISTICS_COLUMNS.map(({ field, description }) => ({ field, description })),
      rows,
    },
  };
});
