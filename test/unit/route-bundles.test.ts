/**
 * A handler's bundle keeps only the route it serves and that route's schemas: the route
 * modules export one constant per route and `defineRoute` / `schema` calls are marked pure
 * (lambdas/api/schemas/schema.ts), so esbuild drops the rest. Building every zod schema of a
 * feature was most of a handler's cold import beyond the AWS SDK. Built here with the
 * Lambdas' own esbuild settings.
 */
import { ROUTE_LIST } from '../../lambdas/api/routes';
import { bundleHandler } from '../support/lambda-bundle';

/** Routes of the same handler folder (one route module), other than the handler's own. */
const siblingsOf = (handler: string) => {
  const folder = handler.split('/')[0];
  return ROUTE_LIST.filter((r) => r.handler.startsWith(`${folder}/`) && r.handler !== handler);
};

describe('a handler bundle', () => {
  // One handler of each of the big route modules, plus one whose body schema is large.
  const handlers = [
    'records/download-archived-document',
    'records/submit-request',
    'records-staff/act-on-request',
    'publishing/publish-version',
    'api-access/apply',
    'enforcement/get-case',
  ];
  const texts = new Map<string, string>();
  beforeAll(async () => {
    await Promise.all(handlers.map(async (h) => texts.set(h, (await bundleHandler(h)).text)));
  }, 120_000);

  it.each(handlers)('%s holds its own route and none of its siblings', (handler) => {
    const text = texts.get(handler)!;
    const own = ROUTE_LIST.filter((r) => r.handler === handler);
    for (const route of own) expect(text).toContain(route.operationId);
    const siblings = siblingsOf(handler);
    expect(siblings.length).toBeGreaterThan(0);
    expect(siblings.map((r) => r.operationId).filter((id) => text.includes(`"${id}"`))).toEqual([]);
  });

  it('keeps the schemas its route validates with, and leaves out the ones only siblings use', () => {
    // The request form's body schema goes with submit-request, not with a file download.
    expect(texts.get('records/submit-request')).toContain('RecordsRequestInput');
    expect(texts.get('records/download-archived-document')).not.toContain('RecordsRequestInput');
    expect(texts.get('records-staff/act-on-request')).toContain('RecordsRequestAction');
    expect(texts.get('records-staff/act-on-request')).not.toContain('CityClosures');
  });
});
