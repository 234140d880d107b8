// GET /v1/api-terms → the terms of use an applicant accepts, with their version.
import * as routes from '../../api/routes/api-access';
import { API_TERMS } from '../../shared/api-terms';
import { httpHandler } from '../../shared/http-handler';

export const handler = httpHandler(routes.getApiTerms, async () => ({
  statusCode: 200,
  body: { version: API_TERMS.version, title: API_TERMS.title, text: [...API_TERMS.text] },
}));
