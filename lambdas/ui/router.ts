/**
 * The admin UI's router: method + path pattern (`/admin/records-requests/:trackingNumber`)
 * to a handler. One Lambda serves every page (the route table sends `/admin` and
 * `/admin/{proxy+}` to it); this picks the page.
 */
export type Method = 'GET' | 'POST';

export type RouteMatch<H> =
  | { kind: 'found'; handler: H; params: Record<string, string> }
  /** The path exists with other methods (405 with Allow). */
  | { kind: 'method-not-allowed'; allowed: Method[] }
  | { kind: 'not-found' };

interface Entry<H> {
  method: Method;
  pattern: RegExp;
  names: string[];
  handler: H;
}

export class Router<H> {
  private readonly entries: Entry<H>[] = [];

  add(method: Method, path: string, handler: H): this {
    const names: string[] = [];
    const source = path
      .split('/')
      .map((segment) => {
        if (segment.startsWith(':')) {
          names.push(segment.slice(1));
          return '([^/]+)';
        }
        return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      })
      .join('/');
    this.entries.push({ method, pattern: new RegExp(`^${source}$`), names, handler });
    return this;
  }

  get(path: string, handler: H): this {
    return this.add('GET', path, handler);
  }

  post(path: string, handler: H): this {
    return this.add('POST', path, handler);
  }

  /** HEAD is answered like GET (without the body, by the caller). A trailing slash is ignored. */
  match(method: string, path: string): RouteMatch<H> {
    const wanted = method === 'HEAD' ? 'GET' : method;
    const normalized = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
    const allowed: Method[] = [];
    for (const entry of this.entries) {
      const m = entry.pattern.exec(normalized);
      if (!m) continue;
      if (entry.method !== wanted) {
        allowed.push(entry.method);
        continue;
      }
      const params: Record<string, string> = {};
      try {
        entry.names.forEach((name, i) => (params[name] = decodeURIComponent(m[i + 1]!)));
      } catch {
        return { kind: 'not-found' };
      }
      return { kind: 'found', handler: entry.handler, params };
    }
    return allowed.length
      ? { kind: 'method-not-allowed', allowed: [...new Set(allowed)] }
      : { kind: 'not-found' };
  }
}
