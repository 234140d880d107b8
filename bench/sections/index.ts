/**
 * The benchmark sections, printed in this order. To add one: write an async
 * function `(ctx: BenchContext) => Promise<SectionResult[]>` (bundles come
 * from `ctx.bundle(target)`, built once per run) and list it here. Sections
 * run one after the other; one that throws is reported as an error and the
 * next one still runs.
 */
import type { BenchContext, BenchOptions } from '../lib/context';
import type { SectionResult } from '../lib/table';
import { adminQueueSection } from '../admin-queue';
import { coldStartSection } from './cold-start';
import { compositionSection } from './composition';
import { ingestMemorySection } from './ingest-memory';
import { ingestSpeedSection } from './ingest-speed';
import { pagingSection } from './paging';

export interface Section {
  id: string;
  /** Whether this run includes the section (default: always). */
  enabled?: (options: BenchOptions) => boolean;
  run: (ctx: BenchContext) => Promise<SectionResult[]>;
}

export const SECTIONS: readonly Section[] = [
  { id: 'cold-start', run: coldStartSection },
  { id: 'composition', enabled: (o) => o.why, run: compositionSection },
  { id: 'ingest-speed', run: ingestSpeedSection },
  { id: 'ingest-memory', run: ingestMemorySection },
  { id: 'paging', run: pagingSection },
  { id: 'admin-queue', run: adminQueueSection },
];
