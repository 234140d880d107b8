/**
 * One ingestion in a fresh process, for the memory section: bundled like a
 * Lambda into `.bench/tools/ingest-child.mjs` and run with plain `node`, so
 * its peak RSS holds Node, the bundle and the ingestion, nothing of the bench.
 * Reads the CSV from a local file, runs `ingestCsv` with the personal-data
 * scanner and writes the chunks to s3rver through the real `S3RowChunks`.
 * Prints one marked JSON line on stdout (./ingest-protocol.ts).
 */
import { createReadStream, readFileSync } from 'node:fs';
import { createS3Http } from '../../lambdas/adapters/clients/s3-http';
import { S3RowChunks } from '../../lambdas/adapters/row-chunk-store';
import { ROW_CHUNKING } from '../../lambdas/domain/datasets/versions';
import { createPersonalDataScanner } from '../../lambdas/domain/personal-data/scanner';
import { ingestCsv, type ChunkSink } from '../../lambdas/ingestion/ingest-csv';
import { runChildMain } from './child-main';
import { CHILD_MARKER, type IngestChildRequest, type IngestChildResult } from './ingest-protocol';

/**
 * Peak RSS of this process in KiB. On Linux, VmHWM of /proc/self/status: the
 * high-water mark of this program's own memory. Not `process.resourceUsage().maxRSS`
 * there: Linux carries ru_maxrss across fork + execve, so a child spawned by a
 * big parent starts with the parent's RSS as its "peak".
 */
function peakRssKiB(): { kib: number; source: 'VmHWM' | 'maxRSS' } {
  try {
    const match = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (match) return { kib: Number(match[1]), source: 'VmHWM' };
  } catch {
    // not Linux
  }
  return { kib: process.resourceUsage().maxRSS, source: 'maxRSS' };
}

async function main(): Promise<IngestChildResult> {
  const request = JSON.parse(process.argv[2] ?? '') as IngestChildRequest;
  const store: ChunkSink = request.s3Endpoint
    ? new S3RowChunks(createS3Http(request.s3Endpoint), request.bucket).sink(
        request.datasetId,
        request.version,
      )
    : { writeChunk: async () => undefined, writeJsonChunk: async () => undefined };
  // Counts what reaches storage, so a sorted copy that lost rows shows.
  const rowsWritten: Record<string, number> = {};
  const sink: ChunkSink = {
    writeChunk: (order, index, rows) => {
      rowsWritten[order] = (rowsWritten[order] ?? 0) + rows.length;
      return store.writeChunk(order, index, rows);
    },
    writeJsonChunk: (order, index, json, rowCount) => {
      rowsWritten[order] = (rowsWritten[order] ?? 0) + rowCount;
      return store.writeJsonChunk!(order, index, json, rowCount);
    },
  };
  const baseline = peakRssKiB();
  let peakHeapUsedBytes = 0;
  let peakExternalBytes = 0;
  const sample = () => {
    const m = process.memoryUsage();
    peakHeapUsedBytes = Math.max(peakHeapUsedBytes, m.heapUsed);
    peakExternalBytes = Math.max(peakExternalBytes, m.external + m.arrayBuffers);
  };
  const sampler = setInterval(sample, 50);
  const started = performance.now();
  try {
    const result = await ingestCsv(createReadStream(request.file), sink, {
      sortable: request.sortable,
      ...ROW_CHUNKING,
      createScanner: createPersonalDataScanner,
      tempDir: request.tempDir,
      parseThread: request.parseThread,
    });
    const seconds = (performance.now() - started) / 1000;
    sample();
    return {
      rowCount: result.rowCount,
      chunkCount: result.chunkCount,
      rowsWritten,
      problems: result.problems.map((p) => `${p.kind}: ${p.message}`),
      findings: result.findings.length,
      seconds,
      baselinePeakRssKiB: baseline.kib,
      peakRssKiB: peakRssKiB().kib,
      peakRssSource: baseline.source,
      inheritedMaxRssKiB: process.resourceUsage().maxRSS,
      peakHeapUsedBytes,
      peakExternalBytes,
    };
  } finally {
    clearInterval(sampler);
  }
}

runChildMain(CHILD_MARKER, main);
