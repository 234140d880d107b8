// Runs in a fresh Node process, started by bench/lib/measure.ts. Times only the
// dynamic import of one bundle (Node's own start-up is excluded), then checks the
// bundle exports a `handler` function. Prints one marked JSON line on stdout.
const MARKER = '@@bench-probe@@';
const bundleUrl = process.argv[2];

function report(result, code) {
  process.stdout.write(`\n${MARKER}${JSON.stringify(result)}\n`, () => process.exit(code));
}

if (!bundleUrl) {
  report({ error: 'usage: node import-probe.mjs <bundle file URL>' }, 2);
} else {
  try {
    const started = performance.now();
    const mod = await import(bundleUrl);
    const importMs = performance.now() - started;
    report({ importMs, handlerType: typeof mod.handler }, 0);
  } catch (err) {
    report({ error: err instanceof Error ? `${err.name}: ${err.message}` : String(err) }, 1);
  }
}
