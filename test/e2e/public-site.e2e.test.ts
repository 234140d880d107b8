/**
 * The public site is one Lambda per area; the site's own sits behind the greedy `/{proxy+}`.
 * Over HTTP against the local platform: each area's pages answer from their own route, an
 * unknown API path still gets the JSON API's 404, an unknown page the site's 404 page (in an
 * area too), and a dataset download works without an API key.
 */
import { startLocalPlatform, type LocalPlatform } from '../../local/platform';
import { localEndpoints, uniquePrefix } from '../support/local-aws';

let platform: LocalPlatform;

beforeAll(async () => {
  platform = await startLocalPlatform({ services: localEndpoints(), resourcePrefix: uniquePrefix('site') });
}, 90_000);
afterAll(() => platform?.stop());

describe('the public site, one Lambda per area', () => {
  it.each([
    '/',
    '/help',
    '/datasets',
    '/datasets/pothole-repairs',
    '/api-keys',
    '/api-keys/apply',
    '/records',
    '/records/archive',
    '/records/new',
    '/records/lost-link',
    '/report',
  ])('answers %s with its page', async (path) => {
    const response = await fetch(`${platform.baseUrl}${path}`);

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
  });

  it('answers an unknown page of an area with the 404 page from that area', async () => {
    const response = await fetch(`${platform.baseUrl}/records/no-such-page`);

    expect(response.status).toBe(404);
    expect(await response.text()).toContain('<h1>Page not found</h1>');
  });

  it('answers an unknown /v1 path with the JSON 404 of the API', async () => {
    const response = await fetch(`${platform.baseUrl}/v1/no-such-path`);

    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await response.json()).toEqual({
      error: {
        code: 'NOT_FOUND',
        message: expect.stringContaining('/openapi.json'),
        requestId: expect.any(String),
      },
    });
  });

  it('answers an unknown page with the 404 page', async () => {
    const response = await fetch(`${platform.baseUrl}/no-such-page`);

    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await response.text()).toContain('<h1>Page not found</h1>');
  });

  it('downloads a published dataset without an API key, where the API asks for one', async () => {
    const api = await fetch(`${platform.baseUrl}/v1/datasets/pothole-repairs/download`, {
      redirect: 'manual',
    });
    expect(api.status).toBe(403);

    const page = await fetch(`${platform.baseUrl}/datasets/pothole-repairs/download`, { redirect: 'manual' });
    expect(page.status).toBe(303);
    const file = await fetch(page.headers.get('location')!);
    expect(file.status).toBe(200);
    expect((await file.text()).split('\n')[0]).toMatch(/^[a-z_]+(,[a-z_]+)+\r?$/);
  });
});
