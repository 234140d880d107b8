/**
 * What gets bundled and measured: the two references, every Lambda of the
 * route table, then every event Lambda (`EVENT_HANDLER_LIST`).
 */
import path from 'node:path';
import { EVENT_HANDLER_LIST } from '../../lambdas/api/events';
import { ROUTE_LIST } from '../../lambdas/api/routes';
import { handlerEntry } from '../../lib/bundling';

export interface BenchTarget {
  /** Row label, unique. */
  name: string;
  /** `tool`: a helper the bench runs in a child process (never in the bundle table). */
  kind: 'reference' | 'lambda' | 'tool';
  /** Source file, relative to the project root. */
  entry: string;
  /** Bundle file, relative to the output directory. */
  outfile: string;
  /** operationIds of the routes served, or `event: <id>` for an event Lambda (Lambdas only). */
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

/** One target per event handler module, in `EVENT_HANDLER_LIST` order. */
export function eventLambdaTargets(): BenchTarget[] {
  const byHandler = new Map<string, BenchTarget>();
  for (const definition of EVENT_HANDLER_LIST) {
    const operation = `event: ${definition.id}`;
    const existing = byHandler.get(definition.handler);
    if (existing) {
      existing.operations.push(operation);
      continue;
    }
    byHandler.set(definition.handler, {
      name: definition.handler,
      kind: 'lambda',
      entry: handlerEntry(definition.handler),
      outfile: path.posix.join('lambdas', `${definition.handler}.mjs`),
      operations: [operation],
    });
  }
  return [...byHandler.values()];
}

export function allTargets(): BenchTarget[] {
  const routes = lambdaTargets();
  const events: BenchTarget[] = [];
  for (const target of eventLambdaTargets()) {
    // A module that serves a route and an event too is one bundle, one row.
    const route = routes.find((r) => r.name === target.name);
    if (route) route.operations.push(...target.operations);
    else events.push(target);
  }
  return [...REFERENCES, ...routes, ...events];
}
