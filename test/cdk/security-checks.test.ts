/**
 * cdk-nag's AWS Solutions pack over the whole app, per stage: no finding may
 * stand, every acknowledgement carries a reason, and none is stale (each one
 * still matches a finding it excuses).
 */
import { Validations, type App } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { STAGE_NAMES } from '../../lib/config/stages';
import { platformApp } from './support/platform-app';

interface Acknowledgement {
  path: string;
  id: string;
  reason: string;
}

function acknowledgements(app: App): Acknowledgement[] {
  return app.node.findAll().flatMap((construct) =>
    construct.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) =>
        Object.entries(entry.data as Record<string, string>).map(([id, reason]) => ({
          path: construct.node.path,
          id: id.replace(/^annotation::/i, ''),
          reason,
        })),
      ),
  );
}

/** Every finding, acknowledged or not. */
function allFindings(app: App): { id: string; path: string }[] {
  const checks = new AwsSolutionsChecks();
  Object.defineProperty(checks, 'isAcknowledged', { value: () => false });
  return checks
    .validateScope(app)
    .violations.flatMap((v) =>
      v.violatingResources.map((r) => ({ id: v.ruleName, path: r.constructPath ?? '' })),
    );
}

describe.each(STAGE_NAMES)('cdk-nag AwsSolutions, %s stage', (stage) => {
  let app: App;

  beforeAll(() => {
    app = platformApp({ stage, securityChecks: true }).app;
    // Synth runs the plugin and throws ValidationFailed on any unacknowledged error.
    app.synth();
  });

  it('leaves no unacknowledged finding, errors or warnings', () => {
    const open = new AwsSolutionsChecks().validateScope(app).violations.map((v) => ({
      rule: v.ruleName,
      severity: v.severity,
      at: v.violatingResources.map((r) => r.constructPath),
    }));
    expect(open).toEqual([]);
  });

  it('gives every acknowledgement a reason', () => {
    const acks = acknowledgements(app);
    expect(acks.length).toBeGreaterThan(0);
    for (const ack of acks) {
      expect(ack.id).toMatch(/^AwsSolutions-[A-Z]+\d+(\[.+\])?$/);
      expect(ack.reason.trim().length).toBeGreaterThanOrEqual(30);
    }
  });

  it('has no stale acknowledgement: each one excuses a real finding', () => {
    const findings = allFindings(app);
    const stale = acknowledgements(app).filter(
      (ack) =>
        !findings.some((f) => f.id === ack.id && (f.path === ack.path || f.path.startsWith(`${ack.path}/`))),
    );
    expect(stale).toEqual([]);
  });
});
