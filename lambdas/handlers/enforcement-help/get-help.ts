// GET /v1/enforcement/help → publicHelpView (FAQ, how-to, violations, sanctions: the city's content).
import * as routes from '../../api/routes/enforcement-help';
import { helpContentStore } from '../../adapters/enforcement/enforcement-wiring';
import { publicHelpView } from '../../domain/enforcement/help-content';
import { httpHandler } from '../../shared/http-handler';

const store = helpContentStore();

export const handler = httpHandler(routes.getEnforcementHelp, async () => ({
  statusCode: 200,
  body: publicHelpView(await store.current()),
}));
