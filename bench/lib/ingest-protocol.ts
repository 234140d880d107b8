/** What the memory section sends to bench/lib/ingest-child.ts and what comes back. */
export const CHILD_MARKER = '@@bench-ingest@@';

export interface IngestChildRequest {
  file: string;
  /** s3rver endpoint; absent → a sink that drops the chunks. */
  s3Endpoint?: string;
  bucket: string;
  datasetId: string;
  version: number;
  sortable: string[];
  /** Parse on a second thread, as ingestion does for a file of PARSE_THREAD_MIN_BYTES or more. */
  parseThread: boolean;
  tempDir: string;
}

export interface IngestChildResult {
  rowCount: number;
  chunkCount: number;
  /** Rows written to the sink per order (`natural`, `by-<field>`): each should equal rowCount. */
  rowsWritten: Record<string, number>;
  problems: string[];
  findings: number;
  seconds: number;
  /** Peak resident set size (KiB) after imports, before reading the file. */
  baselinePeakRssKiB: number;
  /** Peak resident set size (KiB) of the whole process. */
  peakRssKiB: number;
  /** Where the peaks come from: VmHWM of /proc/self/status (Linux) or `resourceUsage().maxRSS`. */
  peakRssSource: 'VmHWM' | 'maxRSS';
  /** `process.resourceUsage().maxRSS` at the end, for comparison (on Linux it includes the parent's RSS at spawn). */
  inheritedMaxRssKiB: number;
  /** Largest V8 heap in use seen by a 50 ms sampler (bytes). */
  peakHeapUsedBytes: number;
  /** Largest memory outside the V8 heap (Buffers, ArrayBuffers) seen by the sampler (bytes). */
  peakExternalBytes: number;
}

/** What the speed section sends to bench/lib/ingest-speed-child.ts and what comes back. */
export const SPEED_CHILD_MARKER = '@@bench-ingest-speed@@';

export type SpeedVariant = 'raw' | 'one-thread' | 'null-sink' | 'http-drop' | 'http-latency' | 's3rver';

export interface SpeedChildRequest {
  file: string;
  s3Endpoint: string;
  /** A local HTTP server that answers 200 to every PUT and keeps nothing (the `http-drop` variant). */
  dropEndpoint: string;
  /** The same, answering each request after a delay, as S3 does (the `http-latency` variant). */
  latencyEndpoint: string;
  bucket: string;
  tempDir: string;
  /** The s3rver process, whose CPU time the `s3rver` variant reports (Linux /proc). */
  s3rverPid?: number;
  /** Rounds per variant, run round-robin in this order. */
  rounds: Partial<Record<SpeedVariant, number>>;
}

export interface SpeedOutcome {
  rows: number;
  /** Wall time of the best round (ms). */
  ms: number;
  /** User + system CPU of the child over that round (ms). */
  cpuMs: number;
  /** ingestCsv only: from the start to the last natural-order chunk (the pass over the file). */
  firstPassMs?: number;
  /** ingestCsv only: after that (sorted copies). */
  laterMs?: number;
  /** ingestCsv only: the orders written. */
  orders?: string[];
  /** The `s3rver` variant: CPU time s3rver spent over the round (ms), on the same cores. */
  serverCpuMs?: number;
}

export interface SpeedChildResult {
  best: Partial<Record<SpeedVariant, SpeedOutcome>>;
  errors: Partial<Record<SpeedVariant, string>>;
}
