/** What gets bundled and measured: the two references, then every Lambda in the route table. */
import path from 'node:path';
import { ROUTE_LIST } from '../../lambdas/api/routes';
import { handlerEntry } from '../../lib/bundling';

export interface BenchTarget {
  /** Row label, unique. */
  name: string;
  kind: 'reference' | 'lambda';
  /** Source file, relative to the project root. */
  entry: string;
  /** Bundle file, relative to the output directory. */
  outfile: string;
  /** operationIds of the routes served (Lambdas only). */
  operations: string[];
}

export const HELLO_WORLD = 'ref: hello-world';
export const DYNAMODB_CLIENT = 'ref: dynamodb-client';

export const REFERENCES: readonly BenchTarget[] = [
  {
    name: HELLO_WORLD,
    kind: 'reference',
    entry: 'bench/references/hello-world.ts',
    outfile: 'references/hello-world.mjs',
    operations: [],
  },
  {
    name: DYNAMODB_CLIENT,
    kind: 'reference',
    entry: 'bench/references/dynamodb-client.ts',
    outfile: 'references/dynamodb-client.mjs',
    operations: [],
  },
];

/** One target per handler module (routes sharing a handler share its Lambda), in route-table order. */
export function lambdaTargets(): BenchTarget[] {
  const byHandler = new Map<string, BenchTarget>();
  for (const route of ROUTE_LIST) {
    const existing = byHandler.get(route.handler);
    if (existing) {
      existing.operations.push(route.operationId);
      continue;
    }
    byHandler.set(route.handler, {
      name: route.handler,
      kind: 'lambda',
      entry: handlerEntry(route.handler),
      outfile: path.posix.join('lambdas', `${route.handler}.mjs`),
      operations: [route.operationId],
    });
  }
  return [...byHandler.values()];
}

export function allTargets(): BenchTarget[] {
  return [...REFERENCES, ...lambdaTargets()];
}
