/**
 * CloudFormation refuses a template with more than 500 resources, 200 parameters or
 * 200 outputs, and the route table keeps growing (about nine resources per route). So
 * every stack of the app, nested ones included, must stay well under those limits:
 * 400 resources and 150 parameters or outputs leave headroom for the next features
 * without a failed deployment. Per route, the stateless stack holds about two (its
 * method and its path in the resource tree: room for ~170 routes) and its route group
 * (one feature's handler folder) six in its nested stack, so a feature past ~60 routes
 * must be split.
 */
import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import { NestedStack, Stack, type App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { ROUTE_LIST } from '../../lambdas/api/routes';
import type { RouteDefinition } from '../../lambdas/api/route-types';
import { STAGE_NAMES } from '../../lib/config/stages';
import { PROJECT_ROOT } from '../../lib/constructs/platform-function';
import { routeGroupName, routeGroups, type RouteGroup } from '../../lib/route-groups';
import { platformApp } from './support/platform-app';

const ROUTE_GROUPS = routeGroups(ROUTE_LIST);

const MAX_RESOURCES = 400;
const MAX_PARAMETERS = 150;
const MAX_OUTPUTS = 150;

interface StackSize {
  path: string;
  resources: number;
  parameters: number;
  outputs: number;
}

function stackSizes(app: App): StackSize[] {
  return app.node
    .findAll()
    .filter((c): c is Stack => Stack.isStack(c))
    .map((stack) => {
      const template = Template.fromStack(stack).toJSON();
      return {
        path: stack.node.path,
        resources: Object.keys(template.Resources ?? {}).length,
        parameters: Object.keys(template.Parameters ?? {}).length,
        outputs: Object.keys(template.Outputs ?? {}).length,
      };
    });
}

function expectWithinLimits(sizes: StackSize[]): void {
  for (const size of sizes) {
    expect({ ...size, resources: size.resources < MAX_RESOURCES }).toEqual({ ...size, resources: true });
    expect({ ...size, parameters: size.parameters < MAX_PARAMETERS }).toEqual({ ...size, parameters: true });
    expect({ ...size, outputs: size.outputs < MAX_OUTPUTS }).toEqual({ ...size, outputs: true });
  }
}

describe.each(STAGE_NAMES)('%s stage', (stage) => {
  let sizes: StackSize[];
  beforeAll(() => {
    const built = platformApp({ stage });
    sizes = stackSizes(built.app);
  });

  it(`keeps every stack, nested ones included, under ${MAX_RESOURCES} resources and ${MAX_PARAMETERS} parameters and outputs`, () => {
    expect(sizes.length).toBeGreaterThan(2);
    expectWithinLimits(sizes);
  });

  it('holds no Lambda, role or permission in the stateless stack itself: per route, only its method and path', () => {
    const parent = Template.fromStack(platformApp({ stage }).stateless);
    for (const type of ['AWS::Lambda::Function', 'AWS::IAM::Role', 'AWS::Lambda::Permission']) {
      parent.resourceCountIs(type, 0);
    }
    parent.resourceCountIs('AWS::ApiGateway::Method', ROUTE_LIST.length);
    // The API's access log is its one log group.
    parent.resourceCountIs('AWS::Logs::LogGroup', 1);
  });
});

describe('headroom', () => {
  it('fits 150 routes: the route table topped up with new features of up to 25 routes', () => {
    // New route modules the size of the features to come, made of copies of the table's routes (every
    // kind of auth and access) on paths of their own, shaped like today's: a collection, an item, and
    // actions on the item. The stateless stack holds a method and about one path per route.
    const TARGET = 150;
    const FEATURE_SIZE = 25;
    const features: RouteGroup[] = [];
    let count = ROUTE_LIST.length;
    for (let n = 1; count < TARGET; n += 1) {
      const collection = `/v1/staff/feature-${n}`;
      const size = Math.min(FEATURE_SIZE, TARGET - count);
      const routes = Array.from({ length: size }, (_, i): RouteDefinition => {
        const route = ROUTE_LIST[(n * FEATURE_SIZE + i) % ROUTE_LIST.length]!;
        const path = [collection, `${collection}/{itemId}`][i] ?? `${collection}/{itemId}/action-${i}`;
        return { ...route, operationId: `feature${n}Route${i}`, path };
      });
      features.push({ name: `feature-${n}`, routes });
      count += size;
    }
    const built = platformApp({ stage: 'prod', routeGroups: [...ROUTE_GROUPS, ...features] });
    expect(Object.keys(built.stateless.functions)).toHaveLength(Math.max(TARGET, ROUTE_LIST.length));
    expectWithinLimits(stackSizes(built.app));
  });
});

describe('route groups', () => {
  it('hold every route of the route table exactly once, by its handler folder', () => {
    const grouped = ROUTE_GROUPS.flatMap((g) => g.routes.map((route) => [g.name, route] as const));
    expect(grouped.map(([, route]) => route)).toHaveLength(ROUTE_LIST.length);
    expect(new Set(grouped.map(([, route]) => route))).toEqual(new Set(ROUTE_LIST));
    for (const [name, route] of grouped) expect(route.handler.startsWith(`${name}/`)).toBe(true);
    expect(new Set(ROUTE_GROUPS.map((g) => g.name)).size).toBe(ROUTE_GROUPS.length);
  });

  it('are the features of lambdas/handlers/ (the route modules of lambdas/api/routes/)', () => {
    const folders = readdirSync(path.join(PROJECT_ROOT, 'lambdas', 'handlers'));
    for (const group of ROUTE_GROUPS) expect(folders).toContain(group.name);
    expect(routeGroupName({ operationId: 'x', handler: 'records-staff/act-on-request' })).toBe(
      'records-staff',
    );
  });

  it('refuse a handler outside a kebab-case feature folder', () => {
    for (const handler of ['submit-request', 'Records/submit', 'records//x', '/records/x']) {
      expect(() => routeGroupName({ operationId: 'badRoute', handler })).toThrow(/badRoute: its handler/);
    }
  });

  it('each become one nested stack of the stateless stack', () => {
    const built = platformApp({ stage: 'dev' });
    const nested = built.stateless.node.findAll().filter((c) => NestedStack.isNestedStack(c));
    for (const group of ROUTE_GROUPS) {
      expect(nested).toContain(built.stateless.routeStacks[group.name]);
    }
    // Plus the event handlers and the scheduled jobs.
    expect(nested).toHaveLength(ROUTE_GROUPS.length + 2);
  });
});
