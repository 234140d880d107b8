// PUT /v1/staff/enforcement/help → saveHelpContent (a new revision, conditional on the one read; audited).
import * as routes from '../../api/routes/enforcement-help';
import { helpContentStore } from '../../adapters/enforcement/enforcement-wiring';
import { saveHelpContent } from '../../domain/enforcement/help-content';
import { systemClock } from '../../shared/clock';
import { httpHandler } from '../../shared/http-handler';

const deps = { store: helpContentStore(), clock: systemClock };

export const handler = httpHandler(routes.saveEnforcementHelp, async ({ body, principal, requestId }) => ({
  statusCode: 200,
  body: await saveHelpContent(deps, principal, body, { requestId }),
}));
