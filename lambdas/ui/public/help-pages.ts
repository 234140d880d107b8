/** The help page: who enforces what, fees, deadlines (the city's configurable content). */
import { publicHelpView, type HelpContentStorePort } from '../../domain/enforcement/help-content';
import { helpPage } from './pages/help';
import { sitePage, type PublicRouter } from './site-context';

/** What the help page reads: the city's saved help content, as `GET /v1/enforcement/help` does. */
export type HelpPorts = Pick<HelpContentStorePort, 'current'>;

export function registerHelpPages(router: PublicRouter<{ help: HelpPorts }>): void {
  router.get('/help', async (ctx) => {
    const help = publicHelpView(await ctx.deps.help.current());
    return sitePage(ctx, 'Help', 'help', helpPage({ request: ctx.request, help }));
  });
}
