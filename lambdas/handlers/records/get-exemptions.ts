// GET /v1/records-exemptions → the exemptions table (data).
import * as routes from '../../api/routes/records';
import { EXEMPTIONS } from '../../domain/records/exemptions';
import { httpHandler } from '../../shared/http-handler';

export const handler = httpHandler(routes.getRecordsExemptions, async () => ({
  statusCode: 200,
  body: { exemptions: EXEMPTIONS },
}));
