import { ulid } from 'ulid';
import type { Clock } from '../domain/audit';

/** Wall clock and sortable unique ids (ULID: time-ordered, so audit events sort by time). */
export const systemClock: Clock = {
  now: () => new Date().toISOString(),
  newId: () => ulid(),
};
