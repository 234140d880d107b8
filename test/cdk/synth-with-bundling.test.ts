/**
 * The one real synth: the whole app as bin/app.ts builds it, with local esbuild
 * bundling, CDK's template validation and cdk-nag all on.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { NestedStack, Stack, type CfnElement } from 'aws-cdk-lib';
import type { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { EVENT_HANDLER_LIST, SCHEDULED_JOB_LIST } from '../../lambdas/api/events';
import { ROUTE_LIST } from '../../lambdas/api/routes';
import { CREATE_REQUIRE_BANNER } from '../../lib/bundling';
import { platformApp, type PlatformApp } from './support/platform-app';

jest.setTimeout(90_000);

let outdir: string;
let built: PlatformApp;
let assembly: CloudAssembly;

beforeAll(() => {
  outdir = mkdtempSync(path.join(tmpdir(), 'open-records-synth-'));
  built = platformApp({ stage: 'dev', bundling: true, validation: true, securityChecks: true, outdir });
  assembly = built.app.synth();
});

afterAll(() => rmSync(outdir, { recursive: true, force: true }));

type SynthTemplate = {
  Resources: Record<string, { Type: string; Properties: { Code: { S3Key: string } } }>;
};

/** The written template of a stack: top-level ones from the assembly, nested ones from their asset file. */
function writtenTemplate(stack: Stack): SynthTemplate {
  return NestedStack.isNestedStack(stack)
    ? JSON.parse(readFileSync(path.join(outdir, stack.templateFile), 'utf8'))
    : (assembly.getStackByName(stack.stackName).template as SynthTemplate);
}

const statelessStacks = (): Stack[] => [
  built.stateless,
  ...built.stateless.node.findAll().filter((c): c is NestedStack => NestedStack.isNestedStack(c)),
];

describe('cdk synth with bundling', () => {
  it('bundles every route, event handler and job into its own ESM asset with local esbuild', () => {
    const functions = statelessStacks()
      .flatMap((stack) => Object.values(writtenTemplate(stack).Resources))
      .filter((r) => r.Type === 'AWS::Lambda::Function');
    // Routes that share a handler module (a page area's paths) share its function and bundle.
    const modules = new Set([
      ...ROUTE_LIST.map((r) => r.handler),
      ...EVENT_HANDLER_LIST.map((d) => d.handler),
      ...SCHEDULED_JOB_LIST.map((d) => d.handler),
    ]);
    expect(functions).toHaveLength(modules.size);
    const assets = new Set(functions.map((fn) => fn.Properties.Code.S3Key.replace(/\.zip$/, '')));
    expect(assets.size).toBe(modules.size);
    for (const hash of assets) {
      const bundle = path.join(outdir, `asset.${hash}`, 'index.mjs');
      expect(existsSync(bundle)).toBe(true);
      expect(statSync(bundle).size).toBeGreaterThan(10_000);
      expect(readFileSync(bundle, 'utf8').startsWith(CREATE_REQUIRE_BANNER)).toBe(true);
    }
  });

  it('bundles each event handler from its own entry, with what it imports', () => {
    for (const definition of EVENT_HANDLER_LIST) {
      const fn = built.stateless.eventFunctions[definition.id]?.function;
      if (!fn) throw new Error(`No function for event handler ${definition.id}`);
      const template = writtenTemplate(Stack.of(fn));
      const id = Stack.of(fn).getLogicalId(fn.node.defaultChild as CfnElement);
      const hash = template.Resources[id]?.Properties.Code.S3Key.replace(/\.zip$/, '');
      const bundle = readFileSync(path.join(outdir, `asset.${hash}`, 'index.mjs'), 'utf8');
      expect(bundle.startsWith(CREATE_REQUIRE_BANNER)).toBe(true);
      // Everything it needs (csv-parse, the DynamoDB client…) is inside: it imports only Node built-ins.
      const statements = bundle.matchAll(/(?:^|[;}])\s*import\s*(?:[\w$*{},\s]+?from\s*)?["']([^"']+)["']/g);
      const imports = [...statements].map(([, from]) => from);
      expect(imports).toContain('node:module');
      expect(imports.filter((from) => !isBuiltin(from!))).toEqual([]);
    }
  });

  it('writes both stacks of the stage, and the nested stacks of the stateless one as its assets', () => {
    expect(assembly.stacks.map((s) => s.stackName).sort()).toEqual([
      'OpenRecords-dev-Stateful',
      'OpenRecords-dev-Stateless',
    ]);
    const nested = statelessStacks().filter((stack) => NestedStack.isNestedStack(stack));
    expect(nested.length).toBeGreaterThan(1);
    for (const stack of nested) {
      expect(existsSync(path.join(outdir, stack.templateFile))).toBe(true);
      expect(Object.keys(writtenTemplate(stack).Resources).length).toBeGreaterThan(0);
    }
  });
});
