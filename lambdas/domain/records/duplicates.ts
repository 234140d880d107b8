/**
 * Duplicate submissions (double clicks, a resubmitted form): a near-identical
 * request from the same requester within minutes is flagged as a likely
 * duplicate of the earlier case instead of opening a second one. A flag only:
 * the system never refuses a request on its own, so anything unclear (a bad
 * date, a different record number) counts as a new request.
 */
import { createHash } from 'node:crypto';

export const DUPLICATE_WINDOW_MINUTES = 10;
export const DUPLICATE_SIMILARITY = 0.9;

/** Case, accents, punctuation and spacing never make two texts different. */
function normalize(text: string | undefined): string {
  return (text ?? '')
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export interface RequesterIdentity {
  name: string;
  email?: string;
  postalAddress?: string;
}

/**
 * A stable string for "the same requester": the e-mail address when there is
 * one, otherwise name and postal address (mail and walk-in requests).
 */
export function requesterFingerprint({ name, email, postalAddress }: RequesterIdentity): string {
  const mail = (email ?? '').normalize('NFKC').trim().toLowerCase();
  if (mail) return `email:${mail}`;
  return `name:${normalize(name)}|address:${normalize(postalAddress)}`;
}

/**
 * False for an anonymous request (no e-mail, name or address): its key is
 * shared by every anonymous requester, and two strangers asking for the same
 * footage after the news are not one requester, so skip the duplicate check.
 */
export function identifiesRequester({ name, email, postalAddress }: RequesterIdentity): boolean {
  return Boolean((email ?? '').trim() || normalize(name) || normalize(postalAddress));
}

/** The fingerprint as a sha256 hex key, so the requester index holds no personal data in clear. */
export function requesterKey(identity: RequesterIdentity): string {
  return createHash('sha256').update(requesterFingerprint(identity)).digest('hex');
}

/** Optimal string alignment distance (Levenshtein plus adjacent transpositions), capped. */
function editDistanceWithin(a: string, b: string, max: number): boolean {
  if (Math.abs(a.length - b.length) > max) return false;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    const row: number[] = [i];
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        row.push(j);
        continue;
      }
      const prev = rows[i - 1]!;
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d = Math.min(d, rows[i - 2]![j - 2]! + 1);
      }
      row.push(d);
    }
    rows.push(row);
  }
  return rows[a.length]![b.length]! <= max;
}

/**
 * Words may differ by a typo; numbers never may: "report 25-0123" and
 * "report 25-0124" are two different requests, not a duplicate.
 */
function typoOf(a: string, b: string): boolean {
  if (!/^\p{L}+$/u.test(a) || !/^\p{L}+$/u.test(b)) return false;
  const longest = Math.max(a.length, b.length);
  const allowed = longest >= 9 ? 2 : longest >= 5 ? 1 : 0;
  return allowed > 0 && editDistanceWithin(a, b, allowed);
}

/**
 * Token Jaccard similarity (0..1) of two descriptions over word multisets,
 * where a word matches a word it differs from by a typo.
 */
export function descriptionSimilarity(a: string, b: string): number {
  const left = normalize(a).split(' ').filter(Boolean);
  const right = normalize(b).split(' ').filter(Boolean);
  if (left.length === 0 || right.length === 0) return left.length === right.length ? 1 : 0;

  // Exact matches first, so a typo match never takes a word that has an exact twin.
  const unmatched = [...right];
  const leftovers: string[] = [];
  let matched = 0;
  for (const word of left) {
    const at = unmatched.indexOf(word);
    if (at >= 0) {
      unmatched.splice(at, 1);
      matched++;
    } else {
      leftovers.push(word);
    }
  }
  for (const word of leftovers) {
    const at = unmatched.findIndex((other) => typoOf(word, other));
    if (at >= 0) {
      unmatched.splice(at, 1);
      matched++;
    }
  }
  return matched / (left.length + right.length - matched);
}

export interface RecentRequest {
  trackingNumber: string;
  description: string;
  receivedAt: string;
}

/**
 * The tracking number of the most similar request in `recent` (the same
 * requester's requests, looked up by requester key) received within the window
 * either side of the candidate — either side because concurrent submissions may
 * be stamped in any order. Ties go to the earliest, the original case.
 */
export function findLikelyDuplicate(
  candidate: { description: string; receivedAt: string },
  recent: readonly RecentRequest[],
): string | undefined {
  const at = Date.parse(candidate.receivedAt);
  if (Number.isNaN(at)) return undefined;
  const windowMs = DUPLICATE_WINDOW_MINUTES * 60_000;

  let best: { trackingNumber: string; similarity: number; receivedAt: number } | undefined;
  for (const other of recent) {
    const otherAt = Date.parse(other.receivedAt);
    if (Number.isNaN(otherAt) || Math.abs(otherAt - at) > windowMs) continue;
    const similarity = descriptionSimilarity(candidate.description, other.description);
    if (similarity < DUPLICATE_SIMILARITY) continue;
    const better =
      !best ||
      similarity > best.similarity ||
      (similarity === best.similarity &&
        (otherAt < best.receivedAt ||
          (otherAt === best.receivedAt && other.trackingNumber < best.trackingNumber)));
    if (better) best = { trackingNumber: other.trackingNumber, similarity, receivedAt: otherAt };
  }
  return best?.trackingNumber;
}
