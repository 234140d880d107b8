/**
 * Bundle size and cold import time of every Lambda, against two references
 * measured the same way in the same run: a hello-world handler (the floor of
 * the method) and a bare DynamoDB document client (the floor of any handler
 * that reads state).
 */
import os from 'node:os';
import { describeBuildError, type BuiltBundle } from '../lib/bundle';
import type { BenchContext } from '../lib/context';
import { measureImports } from '../lib/measure';
import { kb, ms, passFail, type SectionResult } from '../lib/table';
import { DYNAMODB_CLIENT } from '../lib/targets';

export const MAX_BUNDLE_BYTES = 400 * 1024;
export const MAX_IMPORT_VS_DYNAMODB_REF = 1.5;

export async function coldStartSection(ctx: BenchContext): Promise<SectionResult[]> {
  const { runs, warmup } = ctx.options;
  const errors: string[] = [];
  const failures: string[] = [];

  ctx.log(`bundling ${ctx.targets.length} entry points into ${ctx.outDir}`);
  const builds = await Promise.allSettled(ctx.targets.map((t) => ctx.bundle(t)));
  const built = new Map<string, BuiltBundle>();
  /** Built and exporting `handler`: the ones to measure. */
  const bundles = new Map<string, BuiltBundle>();
  const problems = new Map<string, string>();
  ctx.targets.forEach((target, i) => {
    const result = builds[i];
    if (!result) return;
    if (result.status === 'rejected') {
      problems.set(target.name, 'BUILD FAILED');
      errors.push(`${target.name}: build failed: ${describeBuildError(result.reason)}`);
      return;
    }
    built.set(target.name, result.value);
    // Checked statically here (metafile exports) and again at import (a function).
    if (result.value.exports.includes('handler')) {
      bundles.set(target.name, result.value);
    } else {
      problems.set(target.name, 'NO HANDLER');
      errors.push(`${target.name}: bundle exports [${result.value.exports.join(', ')}], no \`handler\``);
    }
  });

  ctx.log(
    `measuring cold imports: ${bundles.size} bundles × ${runs} runs (+${warmup} warm-up), sequentially`,
  );
  const measured = await measureImports(
    [...bundles.values()].map((b) => ({ name: b.target.name, url: b.url })),
    runs,
    warmup,
    ctx.log,
  );
  for (const [name, m] of measured) {
    if (m.error) {
      problems.set(name, 'IMPORT FAILED');
      errors.push(`${name}: ${m.error}`);
    }
  }

  const refMedian = measured.get(DYNAMODB_CLIENT)?.stats?.median;
  const importLimit = refMedian === undefined ? undefined : refMedian * MAX_IMPORT_VS_DYNAMODB_REF;

  const rows = ctx.targets.map((target) => {
    const bundle = built.get(target.name);
    const m = measured.get(target.name)?.stats;
    const problem = problems.get(target.name);
    const isLambda = target.kind === 'lambda';
    const sizeOk = bundle ? bundle.bytes <= MAX_BUNDLE_BYTES : undefined;
    const importOk = m && importLimit !== undefined ? m.median <= importLimit : undefined;
    if (isLambda && bundle && sizeOk === false) {
      failures.push(`${target.name}: bundle ${kb(bundle.bytes)} KB > ${MAX_BUNDLE_BYTES / 1024} KB`);
    }
    if (isLambda && m && importLimit !== undefined && importOk === false) {
      failures.push(
        `${target.name}: cold import ${ms(m.median)} ms > ${MAX_IMPORT_VS_DYNAMODB_REF}× reference (${ms(importLimit)} ms)`,
      );
    }
    const verdict = (ok: boolean | undefined) => (!isLambda ? '—' : ok === undefined ? 'n/a' : passFail(ok));
    return [
      target.name,
      target.operations.join(', ') || '—',
      bundle ? kb(bundle.bytes) : (problem ?? 'n/a'),
      verdict(sizeOk),
      m ? ms(m.median) : (problem ?? 'n/a'),
      m ? `${ms(m.min)}–${ms(m.max)}` : '',
      m && refMedian ? `${(m.median / refMedian).toFixed(2)}×` : '',
      verdict(importOk),
    ];
  });

  const notes = [
    `Size: minified ESM bundle from \`LAMBDA_ESBUILD_OPTIONS\` (lib/bundling.ts); 1 KB = 1024 bytes. Target ≤ ${MAX_BUNDLE_BYTES / 1024} KB.`,
    `Cold import: median of ${runs} fresh \`node\` processes (after ${warmup} discarded warm-up round${warmup === 1 ? '' : 's'}), each timing only \`await import(bundle)\` with \`performance.now()\`; Node start-up excluded. Processes run one at a time, round-robin over bundles.`,
    refMedian === undefined || importLimit === undefined
      ? 'Import target not evaluated: the DynamoDB-client reference could not be measured.'
      : `Import target: ≤ ${MAX_IMPORT_VS_DYNAMODB_REF}× the \`${DYNAMODB_CLIENT}\` median (${ms(refMedian)} ms) = ${ms(importLimit)} ms.`,
    `Machine: Node ${process.version}, ${os.platform()} ${os.arch()}, ${os.cpus().length} CPU (${os.cpus()[0]?.model.trim() ?? 'unknown'}).`,
  ];

  return [
    {
      title: 'Lambda bundles and cold import',
      columns: [
        { header: 'Bundle' },
        { header: 'Routes / events' },
        { header: 'Size (KB)', align: 'right' },
        { header: `≤ ${MAX_BUNDLE_BYTES / 1024} KB` },
        { header: 'Import median (ms)', align: 'right' },
        { header: 'Min–max (ms)', align: 'right' },
        { header: 'vs DDB ref', align: 'right' },
        { header: `≤ ${MAX_IMPORT_VS_DYNAMODB_REF}× ref` },
      ],
      rows,
      notes,
      failures,
      errors,
    },
  ];
}
