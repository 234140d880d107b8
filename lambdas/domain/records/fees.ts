/**
 * Copy fees for public records (C.G.S. §1-212), as the clerk's office
 * estimates them. Money is integer cents throughout.
 *
 * - Paper copies: per page, never more than the municipal maximum of $0.50.
 * - Certified copies: a fee per certified document (the city's setting).
 * - Electronic copies of computer-stored records: at cost, and only for the
 *   items §1-212(b) lists. Search and retrieval time is never charged.
 * - Inspection is free.
 * - The §1-212(d) waivers are mandatory: when one applies the agency "shall
 *   waive" the fee, so the clerk's checklist is data here.
 *
 * The statutory list is summarized, not quoted; the city's counsel reviews it.
 */
import { badRequest, type FieldIssue } from '../../shared/errors';

export interface FeeSchedule {
  perPageCents: number;
  /** per certified document */
  certificationCents: number;
  /** Fees at or above this amount are paid before copies are made. */
  prepaymentThresholdCents: number;
}

/** §1-212(a): a municipal agency may charge at most fifty cents a page ($0.25 is the state agencies' cap). */
export const MUNICIPAL_MAX_PER_PAGE_CENTS = 50;

export const DEFAULT_FEE_SCHEDULE: Readonly<FeeSchedule> = Object.freeze({
  perPageCents: MUNICIPAL_MAX_PER_PAGE_CENTS,
  certificationCents: 200,
  // A city choice, not a statutory number: small fees are billed with the copies.
  prepaymentThresholdCents: 1000,
});

/** How the requester gets the records (the same four options as the request form). */
export type DeliveryMethod = 'electronic' | 'paper' | 'inspection' | 'certified-copy';
const DELIVERIES: readonly DeliveryMethod[] = ['electronic', 'paper', 'inspection', 'certified-copy'];

// Sanity limits: far above any real request, low enough that no total can
// leave the range of exact integers.
const MAX_PAGES = 1_000_000;
const MAX_CERTIFIED_COPIES = 100_000;
const MAX_ELECTRONIC_ITEMS = 100;
const MAX_ITEM_QUANTITY = 10_000;
const MAX_UNIT_CENTS = 10_000_000;
const MAX_CERTIFICATION_CENTS = 10_000;
const MAX_THRESHOLD_CENTS = 100_000_000;
const MAX_DESCRIPTION_LENGTH = 200;

export type ElectronicCostKind =
  'programming' | 'formatting' | 'outside-copying-service' | 'storage-media' | 'computer-time';

export interface ElectronicCostItem {
  kind: ElectronicCostKind;
  label: string;
  /** 'hour': quantity is staff hours (quarter hours allowed) × an hourly rate. */
  unit: 'hour' | 'item';
  citation: string;
}

/**
 * What "at cost" may include for a copy of a computer-stored record. Anything
 * else (search, retrieval, overhead) is not on the list and cannot be billed.
 */
export const ELECTRONIC_COST_ITEMS: readonly ElectronicCostItem[] = Object.freeze([
  {
    kind: 'programming',
    label: 'Staff time for programming needed to produce the copy',
    unit: 'hour',
    citation: 'C.G.S. §1-212(b)(1)',
  },
  {
    kind: 'formatting',
    label: 'Staff time for formatting needed to produce the copy',
    unit: 'hour',
    citation: 'C.G.S. §1-212(b)(1)',
  },
  {
    kind: 'outside-copying-service',
    label: 'Outside electronic copying service, when the city cannot make the copy itself',
    unit: 'item',
    citation: 'C.G.S. §1-212(b)(2)',
  },
  {
    kind: 'storage-media',
    label: 'Storage media the requester asked for (e.g. a USB drive or disc)',
    unit: 'item',
    citation: 'C.G.S. §1-212(b)(3)',
  },
  {
    kind: 'computer-time',
    label: "Computer time charged by another agency or contractor that stores the city's data",
    unit: 'item',
    citation: 'C.G.S. §1-212(b)(4)',
  },
]);

/** Kinds a clerk might try to bill that the statute excludes; named so the refusal can say why. */
const NEVER_CHARGEABLE = ['search', 'retrieval'];

export type WaiverCode =
  'indigent' | 'exempt-records' | 'general-welfare' | 'elected-official' | 'public-defender';

export interface Waiver {
  code: WaiverCode;
  label: string;
  citation: string;
  /** The clerk's checklist question. */
  question: string;
}

export const MANDATORY_WAIVERS: readonly Waiver[] = Object.freeze([
  {
    code: 'indigent',
    label: 'Requester is indigent',
    citation: 'C.G.S. §1-212(d)(1)',
    question: 'Is the requester an indigent individual?',
  },
  {
    code: 'exempt-records',
    label: 'Records located are exempt from disclosure',
    citation: 'C.G.S. §1-212(d)(2)',
    question: 'Has the city determined that the records located are exempt under C.G.S. §1-210(b)?',
  },
  {
    code: 'general-welfare',
    label: 'Request benefits the general welfare',
    citation: 'C.G.S. §1-212(d)(3)',
    question: "In the city's judgment, does complying with this request benefit the general welfare?",
  },
  {
    code: 'elected-official',
    label: 'Elected official of the city, records pertain to their duties',
    citation: 'C.G.S. §1-212(d)(4)',
    question:
      'Is the requester an elected official of this city who certifies that the records pertain to their duties?',
  },
  {
    code: 'public-defender',
    label: 'Public defender or assigned counsel, records pertain to their duties',
    citation: 'C.G.S. §1-212(d)(5)',
    question:
      'Is the requester a public defender or assigned counsel who certifies that the records pertain to their duties?',
  },
]);

export interface ElectronicItemInput {
  kind: ElectronicCostKind;
  description: string;
  quantity: number;
  unitCents: number;
}

export interface FeeEstimateInput {
  paperPages?: number;
  certifiedCopies?: number;
  electronicItems?: ElectronicItemInput[];
  waivers: WaiverCode[];
  delivery: DeliveryMethod;
}

export interface FeeLineItem {
  description: string;
  quantity: number;
  unitCents: number;
  amountCents: number;
  citation: string;
}

export interface FeeInvoice {
  lineItems: FeeLineItem[];
  subtotalCents: number;
  waivers: { code: WaiverCode; label: string; citation: string }[];
  waivedCents: number;
  totalCents: number;
  prepaymentRequired: boolean;
  schedule: FeeSchedule;
}

const isWholeCents = (n: unknown, max: number): n is number =>
  typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= max;

/** Throws unless the schedule is within the law (and sane). */
export function assertLawfulSchedule(schedule: FeeSchedule): void {
  const issues: FieldIssue[] = [];
  if (!isWholeCents(schedule.perPageCents, Number.MAX_SAFE_INTEGER))
    issues.push({ path: 'schedule.perPageCents', message: 'must be a whole number of cents, 0 or more' });
  else if (schedule.perPageCents > MUNICIPAL_MAX_PER_PAGE_CENTS)
    issues.push({
      path: 'schedule.perPageCents',
      message: `must not exceed ${formatCents(MUNICIPAL_MAX_PER_PAGE_CENTS)} a page, the municipal maximum under C.G.S. §1-212(a)`,
    });
  if (!isWholeCents(schedule.certificationCents, MAX_CERTIFICATION_CENTS))
    issues.push({
      path: 'schedule.certificationCents',
      message: `must be a whole number of cents from 0 to ${MAX_CERTIFICATION_CENTS}`,
    });
  if (!isWholeCents(schedule.prepaymentThresholdCents, MAX_THRESHOLD_CENTS))
    issues.push({
      path: 'schedule.prepaymentThresholdCents',
      message: `must be a whole number of cents from 0 to ${MAX_THRESHOLD_CENTS}`,
    });
  if (issues.length) throw badRequest('The fee schedule is not lawful.', issues);
}

const electronicItemByKind = new Map(ELECTRONIC_COST_ITEMS.map((item) => [item.kind as string, item]));
const waiverByCode = new Map(MANDATORY_WAIVERS.map((waiver) => [waiver.code as string, waiver]));

/**
 * Staff hours may be entered in quarter hours (1.5 h of formatting); counts
 * of things are whole numbers.
 */
function isQuantity(n: unknown, unit: 'hour' | 'item'): n is number {
  if (typeof n !== 'number' || !Number.isFinite(n) || n < 0 || n > MAX_ITEM_QUANTITY) return false;
  return unit === 'hour' ? Number.isInteger(n * 4) : Number.isInteger(n);
}

/** Estimates the fee for a request. Throws a 400 listing every problem in the input. */
export function estimateFee(
  input: FeeEstimateInput,
  schedule: FeeSchedule = DEFAULT_FEE_SCHEDULE,
): FeeInvoice {
  assertLawfulSchedule(schedule);
  const issues: FieldIssue[] = [];
  const lineItems: FeeLineItem[] = [];

  if (!DELIVERIES.includes(input.delivery))
    issues.push({ path: 'delivery', message: `must be one of ${DELIVERIES.join(', ')}` });

  const pages = input.paperPages ?? 0;
  const certified = input.certifiedCopies ?? 0;
  const electronic = input.electronicItems ?? [];

  if (!isWholeCents(pages, MAX_PAGES))
    issues.push({ path: 'paperPages', message: `must be a whole number from 0 to ${MAX_PAGES}` });
  if (!isWholeCents(certified, MAX_CERTIFIED_COPIES))
    issues.push({
      path: 'certifiedCopies',
      message: `must be a whole number from 0 to ${MAX_CERTIFIED_COPIES}`,
    });
  if (!Array.isArray(electronic) || electronic.length > MAX_ELECTRONIC_ITEMS)
    issues.push({
      path: 'electronicItems',
      message: `must be a list of at most ${MAX_ELECTRONIC_ITEMS} items`,
    });

  // Inspection is free (§1-212(g)); a clerk who means to sell copies picks a copy delivery.
  if (input.delivery === 'inspection' && (pages > 0 || certified > 0 || electronic.length > 0))
    issues.push({ path: 'delivery', message: 'inspection is free: there is nothing to charge for' });

  if (pages > 0 && isWholeCents(pages, MAX_PAGES))
    lineItems.push({
      description: 'Paper copies (per page)',
      quantity: pages,
      unitCents: schedule.perPageCents,
      amountCents: pages * schedule.perPageCents,
      citation: 'C.G.S. §1-212(a)',
    });
  if (certified > 0 && isWholeCents(certified, MAX_CERTIFIED_COPIES))
    lineItems.push({
      description: 'Certification (per certified document)',
      quantity: certified,
      unitCents: schedule.certificationCents,
      amountCents: certified * schedule.certificationCents,
      citation: 'C.G.S. §1-212(a)',
    });

  if (Array.isArray(electronic) && electronic.length <= MAX_ELECTRONIC_ITEMS)
    electronic.forEach((item, i) => {
      const line = electronicLine(item, `electronicItems[${i}]`, issues);
      if (line) lineItems.push(line);
    });

  const waivers: FeeInvoice['waivers'] = [];
  if (!Array.isArray(input.waivers))
    issues.push({ path: 'waivers', message: 'must be a list of waiver codes' });
  else
    input.waivers.forEach((code, i) => {
      const waiver = waiverByCode.get(code);
      if (!waiver)
        issues.push({
          path: `waivers[${i}]`,
          message: `unknown waiver; use one of ${MANDATORY_WAIVERS.map((w) => w.code).join(', ')}`,
        });
      else if (!waivers.some((w) => w.code === waiver.code))
        waivers.push({ code: waiver.code, label: waiver.label, citation: waiver.citation });
    });

  if (issues.length) throw badRequest('The fee estimate is not valid.', issues);

  const subtotalCents = lineItems.reduce((sum, line) => sum + line.amountCents, 0);
  // §1-212(d) says the agency "shall waive any fee" when a ground applies: the
  // whole fee goes, not a share of it, and the clerk has no discretion left.
  const waivedCents = waivers.length > 0 ? subtotalCents : 0;
  const totalCents = subtotalCents - waivedCents;
  return {
    lineItems,
    subtotalCents,
    waivers,
    waivedCents,
    totalCents,
    prepaymentRequired: totalCents > 0 && totalCents >= schedule.prepaymentThresholdCents,
    schedule: { ...schedule },
  };
}

function electronicLine(
  item: ElectronicItemInput,
  path: string,
  issues: FieldIssue[],
): FeeLineItem | undefined {
  const kind: unknown = item?.kind;
  if (typeof kind === 'string' && NEVER_CHARGEABLE.includes(kind)) {
    issues.push({
      path: `${path}.kind`,
      message: `${kind} time is never chargeable: C.G.S. §1-212(b) excludes search and retrieval costs`,
    });
    return undefined;
  }
  const allowed = typeof kind === 'string' ? electronicItemByKind.get(kind) : undefined;
  if (!allowed) {
    issues.push({
      path: `${path}.kind`,
      message: `not a cost C.G.S. §1-212(b) allows; use one of ${ELECTRONIC_COST_ITEMS.map((c) => c.kind).join(', ')}`,
    });
    return undefined;
  }
  const before = issues.length;
  const description =
    typeof item.description === 'string' ? item.description.replace(/\s+/g, ' ').trim() : '';
  if (description.length === 0 || description.length > MAX_DESCRIPTION_LENGTH)
    issues.push({
      path: `${path}.description`,
      message: `must be 1 to ${MAX_DESCRIPTION_LENGTH} characters`,
    });
  if (!isQuantity(item.quantity, allowed.unit))
    issues.push({
      path: `${path}.quantity`,
      message:
        allowed.unit === 'hour'
          ? `must be hours in quarter-hour steps, from 0 to ${MAX_ITEM_QUANTITY}`
          : `must be a whole number from 0 to ${MAX_ITEM_QUANTITY}`,
    });
  if (!isWholeCents(item.unitCents, MAX_UNIT_CENTS))
    issues.push({
      path: `${path}.unitCents`,
      message: `must be a whole number of cents from 0 to ${MAX_UNIT_CENTS}`,
    });
  if (issues.length > before) return undefined;
  return {
    description,
    quantity: item.quantity,
    unitCents: item.unitCents,
    // "At cost" is a ceiling: a fraction of a cent from quarter hours is dropped, never rounded up.
    amountCents: Math.floor(item.quantity * item.unitCents),
    citation: allowed.citation,
  };
}

/** 1250 → '$12.50'; 123456 → '$1,234.56'. */
export function formatCents(cents: number): string {
  if (!Number.isSafeInteger(cents)) throw badRequest('An amount must be a whole number of cents.');
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const dollars = Math.floor(abs / 100).toLocaleString('en-US');
  return `${sign}$${dollars}.${String(abs % 100).padStart(2, '0')}`;
}
