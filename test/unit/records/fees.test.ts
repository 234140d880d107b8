import {
  assertLawfulSchedule,
  DEFAULT_FEE_SCHEDULE,
  ELECTRONIC_COST_ITEMS,
  estimateFee,
  formatCents,
  MANDATORY_WAIVERS,
  type ElectronicCostKind,
  type FeeEstimateInput,
  type WaiverCode,
} from '../../../lambdas/domain/records/fees';
import { PlatformError, type FieldIssue } from '../../../lambdas/shared/errors';

function rejection(fn: () => unknown): { code: string; statusCode: number; issues: FieldIssue[] } {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(PlatformError);
    const e = err as PlatformError;
    return { code: e.code, statusCode: e.statusCode, issues: e.details?.issues ?? [] };
  }
  throw new Error('expected a rejection');
}

const paper = (overrides: Partial<FeeEstimateInput> = {}): FeeEstimateInput => ({
  delivery: 'paper',
  waivers: [],
  ...overrides,
});

describe('DEFAULT_FEE_SCHEDULE', () => {
  it('charges the $0.50 municipal maximum a page, $2.00 a certification and asks prepayment from $10.00', () => {
    expect(DEFAULT_FEE_SCHEDULE).toEqual({
      perPageCents: 50,
      certificationCents: 200,
      prepaymentThresholdCents: 1000,
    });
    expect(() => assertLawfulSchedule(DEFAULT_FEE_SCHEDULE)).not.toThrow();
  });
});

describe('assertLawfulSchedule', () => {
  it('rejects a per-page rate above the municipal maximum, citing §1-212(a)', () => {
    const { code, statusCode, issues } = rejection(() =>
      assertLawfulSchedule({ ...DEFAULT_FEE_SCHEDULE, perPageCents: 51 }),
    );
    expect(statusCode).toBe(400);
    expect(code).toBe('VALIDATION_FAILED');
    expect(issues).toEqual([
      { path: 'schedule.perPageCents', message: expect.stringContaining('§1-212(a)') },
    ]);
  });

  it('accepts a lower rate, and rejects fractional or negative amounts', () => {
    expect(() => assertLawfulSchedule({ ...DEFAULT_FEE_SCHEDULE, perPageCents: 25 })).not.toThrow();
    const { issues } = rejection(() =>
      assertLawfulSchedule({ perPageCents: 12.5, certificationCents: -1, prepaymentThresholdCents: 1.5 }),
    );
    expect(issues.map((i) => i.path)).toEqual([
      'schedule.perPageCents',
      'schedule.certificationCents',
      'schedule.prepaymentThresholdCents',
    ]);
  });

  it('is enforced by estimateFee', () => {
    expect(() =>
      estimateFee(paper({ paperPages: 1 }), { ...DEFAULT_FEE_SCHEDULE, perPageCents: 100 }),
    ).toThrow(PlatformError);
  });
});

describe('estimateFee: paper and certified copies', () => {
  it('charges 37 pages at $0.50 = $18.50, which needs prepayment', () => {
    const invoice = estimateFee(paper({ paperPages: 37 }));
    expect(invoice).toEqual({
      lineItems: [
        {
          description: 'Paper copies (per page)',
          quantity: 37,
          unitCents: 50,
          amountCents: 1850,
          citation: 'C.G.S. §1-212(a)',
        },
      ],
      subtotalCents: 1850,
      waivers: [],
      waivedCents: 0,
      totalCents: 1850,
      prepaymentRequired: true,
      schedule: DEFAULT_FEE_SCHEDULE,
    });
  });

  it('asks prepayment at the threshold, not below it', () => {
    expect(estimateFee(paper({ paperPages: 19 })).prepaymentRequired).toBe(false);
    expect(estimateFee(paper({ paperPages: 20 })).totalCents).toBe(1000);
    expect(estimateFee(paper({ paperPages: 20 })).prepaymentRequired).toBe(true);
  });

  it('adds certification per certified document to the page charge', () => {
    const invoice = estimateFee({
      delivery: 'certified-copy',
      paperPages: 4,
      certifiedCopies: 3,
      waivers: [],
    });
    expect(invoice.lineItems.map((l) => [l.description, l.amountCents])).toEqual([
      ['Paper copies (per page)', 200],
      ['Certification (per certified document)', 600],
    ]);
    expect(invoice.totalCents).toBe(800);
    expect(invoice.prepaymentRequired).toBe(false);
  });

  it('uses a configured schedule and returns a copy of it', () => {
    const schedule = { perPageCents: 25, certificationCents: 100, prepaymentThresholdCents: 0 };
    const invoice = estimateFee(paper({ paperPages: 3, certifiedCopies: 1 }), schedule);
    expect(invoice.totalCents).toBe(175);
    expect(invoice.prepaymentRequired).toBe(true);
    expect(invoice.schedule).toEqual(schedule);
    expect(invoice.schedule).not.toBe(schedule);
  });

  it('charges nothing and needs no prepayment when no copies are made', () => {
    const invoice = estimateFee(paper({ paperPages: 0 }), {
      ...DEFAULT_FEE_SCHEDULE,
      prepaymentThresholdCents: 0,
    });
    expect(invoice.lineItems).toEqual([]);
    expect(invoice.totalCents).toBe(0);
    expect(invoice.prepaymentRequired).toBe(false);
  });

  it('handles the largest allowed request exactly', () => {
    expect(estimateFee(paper({ paperPages: 1_000_000 })).totalCents).toBe(50_000_000);
  });
});

describe('estimateFee: electronic copies at cost', () => {
  it('charges staff hours × rate and media, each citing its §1-212(b) item', () => {
    const invoice = estimateFee({
      delivery: 'electronic',
      waivers: [],
      electronicItems: [
        { kind: 'formatting', description: 'Export permits to CSV', quantity: 1.5, unitCents: 4000 },
        { kind: 'storage-media', description: 'USB drive', quantity: 1, unitCents: 800 },
      ],
    });
    expect(invoice.lineItems).toEqual([
      {
        description: 'Export permits to CSV',
        quantity: 1.5,
        unitCents: 4000,
        amountCents: 6000,
        citation: 'C.G.S. §1-212(b)(1)',
      },
      {
        description: 'USB drive',
        quantity: 1,
        unitCents: 800,
        amountCents: 800,
        citation: 'C.G.S. §1-212(b)(3)',
      },
    ]);
    expect(invoice.subtotalCents).toBe(6800);
    expect(invoice.totalCents).toBe(6800);
  });

  it('never rounds a quarter-hour charge up', () => {
    const invoice = estimateFee({
      delivery: 'electronic',
      waivers: [],
      electronicItems: [{ kind: 'programming', description: 'Query', quantity: 0.25, unitCents: 4001 }],
    });
    expect(invoice.totalCents).toBe(1000);
  });

  it.each(['search', 'retrieval'])('refuses to charge %s time, naming §1-212(b)', (kind) => {
    const { code, issues } = rejection(() =>
      estimateFee({
        delivery: 'electronic',
        waivers: [],
        electronicItems: [
          {
            kind: kind as ElectronicCostKind,
            description: 'Looking for e-mails',
            quantity: 2,
            unitCents: 4000,
          },
        ],
      }),
    );
    expect(code).toBe('VALIDATION_FAILED');
    expect(issues).toEqual([
      {
        path: 'electronicItems[0].kind',
        message: `${kind} time is never chargeable: C.G.S. §1-212(b) excludes search and retrieval costs`,
      },
    ]);
  });

  it('refuses any cost that is not on the allowed list', () => {
    const { issues } = rejection(() =>
      estimateFee({
        delivery: 'electronic',
        waivers: [],
        electronicItems: [
          { kind: 'overhead' as ElectronicCostKind, description: 'x', quantity: 1, unitCents: 1 },
        ],
      }),
    );
    expect(issues[0]).toEqual({
      path: 'electronicItems[0].kind',
      message: expect.stringContaining('§1-212(b)'),
    });
  });

  it('lists no search or retrieval item as allowed', () => {
    const kinds = ELECTRONIC_COST_ITEMS.map((i) => i.kind as string);
    expect(kinds).toEqual([
      'programming',
      'formatting',
      'outside-copying-service',
      'storage-media',
      'computer-time',
    ]);
    expect(ELECTRONIC_COST_ITEMS.every((i) => i.citation.startsWith('C.G.S. §1-212(b)'))).toBe(true);
  });

  it('checks each item: description, quarter hours, whole counts, whole cents', () => {
    const { issues } = rejection(() =>
      estimateFee({
        delivery: 'electronic',
        waivers: [],
        electronicItems: [
          { kind: 'formatting', description: '   ', quantity: 1.3, unitCents: 10.5 },
          { kind: 'storage-media', description: 'Disc', quantity: 1.5, unitCents: -1 },
        ],
      }),
    );
    expect(issues.map((i) => i.path)).toEqual([
      'electronicItems[0].description',
      'electronicItems[0].quantity',
      'electronicItems[0].unitCents',
      'electronicItems[1].quantity',
      'electronicItems[1].unitCents',
    ]);
  });
});

describe('estimateFee: mandatory waivers (§1-212(d))', () => {
  it('lists the five grounds with citations and a checklist question', () => {
    expect(MANDATORY_WAIVERS.map((w) => [w.code, w.citation])).toEqual([
      ['indigent', 'C.G.S. §1-212(d)(1)'],
      ['exempt-records', 'C.G.S. §1-212(d)(2)'],
      ['general-welfare', 'C.G.S. §1-212(d)(3)'],
      ['elected-official', 'C.G.S. §1-212(d)(4)'],
      ['public-defender', 'C.G.S. §1-212(d)(5)'],
    ]);
    for (const waiver of MANDATORY_WAIVERS) {
      expect(waiver.label.length).toBeGreaterThan(0);
      expect(waiver.question).toMatch(/\?$/);
    }
  });

  it.each(MANDATORY_WAIVERS.map((w) => w.code))('%s waives the whole fee', (code) => {
    const invoice = estimateFee(paper({ paperPages: 37, certifiedCopies: 1, waivers: [code] }));
    expect(invoice.subtotalCents).toBe(2050);
    expect(invoice.waivedCents).toBe(2050);
    expect(invoice.totalCents).toBe(0);
    expect(invoice.prepaymentRequired).toBe(false);
    const waiver = MANDATORY_WAIVERS.find((w) => w.code === code)!;
    expect(invoice.waivers).toEqual([{ code, label: waiver.label, citation: waiver.citation }]);
  });

  it('lists each waiver once', () => {
    const invoice = estimateFee(
      paper({ paperPages: 2, waivers: ['indigent', 'general-welfare', 'indigent'] }),
    );
    expect(invoice.waivers.map((w) => w.code)).toEqual(['indigent', 'general-welfare']);
    expect(invoice.totalCents).toBe(0);
  });

  it('rejects an unknown waiver code', () => {
    const { issues } = rejection(() =>
      estimateFee(paper({ paperPages: 2, waivers: ['indigent', 'friend-of-the-mayor' as WaiverCode] })),
    );
    expect(issues).toEqual([{ path: 'waivers[1]', message: expect.stringContaining('unknown waiver') }]);
  });
});

describe('estimateFee: inspection and validation', () => {
  it('charges nothing for inspection', () => {
    const invoice = estimateFee({ delivery: 'inspection', waivers: [] });
    expect(invoice.lineItems).toEqual([]);
    expect(invoice.totalCents).toBe(0);
    expect(invoice.prepaymentRequired).toBe(false);
  });

  it('refuses copy charges on an inspection', () => {
    const { issues } = rejection(() => estimateFee({ delivery: 'inspection', paperPages: 5, waivers: [] }));
    expect(issues).toEqual([{ path: 'delivery', message: expect.stringContaining('inspection is free') }]);
  });

  it('lists every bad number at once', () => {
    const { statusCode, code, issues } = rejection(() =>
      estimateFee(paper({ paperPages: -1, certifiedCopies: 1.5 })),
    );
    expect(statusCode).toBe(400);
    expect(code).toBe('VALIDATION_FAILED');
    expect(issues.map((i) => i.path)).toEqual(['paperPages', 'certifiedCopies']);
  });

  it('rejects more than a million pages and an unknown delivery', () => {
    const { issues } = rejection(() =>
      estimateFee({ delivery: 'fax' as FeeEstimateInput['delivery'], paperPages: 1_000_001, waivers: [] }),
    );
    expect(issues.map((i) => i.path)).toEqual(['delivery', 'paperPages']);
  });
});

describe('formatCents', () => {
  it.each([
    [1250, '$12.50'],
    [5, '$0.05'],
    [0, '$0.00'],
    [123_456_789, '$1,234,567.89'],
    [-150, '-$1.50'],
  ])('%i → %s', (cents, text) => {
    expect(formatCents(cents)).toBe(text);
  });

  it('refuses fractions of a cent', () => {
    expect(() => formatCents(1.5)).toThrow(PlatformError);
  });
});
