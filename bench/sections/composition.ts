/**
 * `--why`: what each bundle is made of, from esbuild's metafile (bytes each
 * input contributes to the minified output). First a package × bundle matrix,
 * then the largest single inputs of each bundle.
 */
import path from 'node:path';
import type { BuiltBundle } from '../lib/bundle';
import type { BenchContext } from '../lib/context';
import { kb, type Column, type SectionResult } from '../lib/table';

/** `node_modules/@scope/name/...` → `@scope/name`; project files → their folder (`lambdas/shared`). */
export function packageOf(input: string): string {
  const parts = input.split('/');
  const nm = parts.lastIndexOf('node_modules');
  if (nm >= 0) {
    const first = parts[nm + 1] ?? '?';
    return first.startsWith('@') ? `${first}/${parts[nm + 2] ?? '?'}` : first;
  }
  return parts.length > 2 ? parts.slice(0, 2).join('/') : (parts[0] ?? input);
}

interface Composition {
  bundle: BuiltBundle;
  /** Input path → bytes in output. */
  inputs: Map<string, number>;
  packages: Map<string, { bytes: number; files: number }>;
  /** Output bytes not attributed to any input (banner, runtime helpers, glue). */
  unattributed: number;
}

function compose(bundle: BuiltBundle): Composition {
  const output = bundle.metafile.outputs[bundle.outputKey];
  const inputs = new Map<string, number>();
  const packages = new Map<string, { bytes: number; files: number }>();
  let attributed = 0;
  for (const [input, { bytesInOutput }] of Object.entries(output?.inputs ?? {})) {
    if (bytesInOutput === 0) continue;
    inputs.set(input, bytesInOutput);
    attributed += bytesInOutput;
    const pkg = packageOf(input);
    const entry = packages.get(pkg) ?? { bytes: 0, files: 0 };
    entry.bytes += bytesInOutput;
    entry.files += 1;
    packages.set(pkg, entry);
  }
  return { bundle, inputs, packages, unattributed: bundle.bytes - attributed };
}

const pct = (part: number, whole: number) => `${((100 * part) / whole).toFixed(1)} %`;

export async function compositionSection(ctx: BenchContext): Promise<SectionResult[]> {
  const { top } = ctx.options;
  const settled = await Promise.allSettled(ctx.targets.map((t) => ctx.bundle(t)));
  const comps = settled.flatMap((s) => (s.status === 'fulfilled' ? [compose(s.value)] : []));
  if (comps.length === 0) return [];

  // Packages ranked by their largest share in any one bundle.
  const largest = new Map<string, number>();
  for (const c of comps) {
    for (const [pkg, { bytes }] of c.packages) largest.set(pkg, Math.max(largest.get(pkg) ?? 0, bytes));
  }
  const ranked = [...largest.entries()].sort((a, b) => b[1] - a[1]).map(([pkg]) => pkg);
  const shown = ranked.slice(0, top);
  const columns: Column[] = [
    { header: 'Package' },
    ...comps.map((c) => ({ header: c.bundle.target.name, align: 'right' as const })),
  ];
  const cellKb = (bytes: number | undefined) => (bytes ? kb(bytes) : '·');
  const rows = shown.map((pkg) => [pkg, ...comps.map((c) => cellKb(c.packages.get(pkg)?.bytes))]);
  rows.push([
    `(${ranked.length - shown.length} other packages)`,
    ...comps.map((c) =>
      cellKb(
        [...c.packages].filter(([pkg]) => !shown.includes(pkg)).reduce((sum, [, p]) => sum + p.bytes, 0),
      ),
    ),
  ]);
  rows.push(['(banner, runtime glue)', ...comps.map((c) => cellKb(c.unattributed))]);
  rows.push(['total', ...comps.map((c) => kb(c.bundle.bytes))]);

  const matrix: SectionResult = {
    title: 'Bundle composition by package (KB in minified output)',
    columns,
    rows,
    notes: [
      `From esbuild's metafile (\`bytesInOutput\`); top ${top} packages by their largest share in any bundle (\`--top\`). Project code is grouped by folder.`,
      `Metafiles are kept as \`${path.relative(ctx.root, ctx.outDir)}/**/*.mjs.meta.json\`: drop one on https://esbuild.github.io/analyze/ to explore.`,
    ],
  };

  const perBundle = comps.map<SectionResult>((c) => ({
    title: `Largest inputs: ${c.bundle.target.name} (${kb(c.bundle.bytes)} KB)`,
    columns: [
      { header: 'Input' },
      { header: 'Package' },
      { header: 'KB', align: 'right' },
      { header: 'Share', align: 'right' },
    ],
    rows: [...c.inputs.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([input, bytes]) => [
        input.replace(/^.*node_modules\//, ''),
        packageOf(input),
        kb(bytes),
        pct(bytes, c.bundle.bytes),
      ]),
  }));

  return [matrix, ...perBundle];
}
