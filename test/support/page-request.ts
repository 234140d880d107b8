/** A page request as `pageRequestOf` makes it from an API Gateway event, for tests of the page apps. */
import type { PageRequest } from '../../lambdas/ui/http';

export function pageRequest(method: string, path: string, input: Partial<PageRequest> = {}): PageRequest {
  return {
    method,
    path,
    query: new URLSearchParams(),
    form: new URLSearchParams(),
    headers: {},
    cookies: {},
    basePath: '',
    origin: 'https://data.danbury-ct.gov',
    secure: true,
    requestId: 'req-1',
    wantsJson: false,
    ...input,
  };
}
