import { PlatformError } from '../../../lambdas/shared/errors';
import {
  allowedActions,
  applyTransition,
  CLOSED_STATUSES,
  isOpen,
  isRequestStatus,
  isWorkflowAction,
  nextStatus,
  REQUEST_STATUSES,
  TRANSITIONS,
  WORKFLOW_ACTIONS,
  type Pause,
  type RequestStatus,
  type TransitionInput,
  type WorkflowAction,
} from '../../../lambdas/domain/records/workflow';

// The workflow as specified, written out independently of the table it checks.
const OPEN: RequestStatus[] = ['received', 'acknowledged', 'in-progress', 'awaiting-requester'];
const CLOSED: RequestStatus[] = ['fulfilled', 'partially-fulfilled', 'denied', 'withdrawn', 'no-records'];
const SPEC: Record<WorkflowAction, { from: RequestStatus[]; to: RequestStatus; needs: string[] }> = {
  acknowledge: { from: ['received'], to: 'acknowledged', needs: [] },
  'start-work': { from: ['received', 'acknowledged'], to: 'in-progress', needs: [] },
  'await-requester': {
    from: ['acknowledged', 'in-progress'],
    to: 'awaiting-requester',
    needs: ['pauseReason'],
  },
  resume: { from: ['awaiting-requester'], to: 'in-progress', needs: [] },
  fulfil: { from: ['acknowledged', 'in-progress'], to: 'fulfilled', needs: [] },
  'fulfil-partially': {
    from: ['acknowledged', 'in-progress'],
    to: 'partially-fulfilled',
    needs: ['exemptions'],
  },
  deny: {
    from: ['received', 'acknowledged', 'in-progress', 'awaiting-requester'],
    to: 'denied',
    needs: ['exemptions'],
  },
  'report-no-records': { from: ['acknowledged', 'in-progress'], to: 'no-records', needs: [] },
  withdraw: { from: OPEN, to: 'withdrawn', needs: [] },
  reopen: { from: CLOSED, to: 'in-progress', needs: ['reason'] },
};

const AT = '2026-03-02T15:00:00.000Z';
const FULL_INPUT: TransitionInput = {
  at: AT,
  reason: 'New records found',
  pauseReason: 'clarification',
  exemptions: ['1-210(b)(2)'],
};

const pairs = REQUEST_STATUSES.flatMap((status) =>
  WORKFLOW_ACTIONS.map((action) => ({ status, action, allowed: SPEC[action].from.includes(status) })),
);

function thrown(fn: () => unknown): PlatformError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(PlatformError);
    return err as PlatformError;
  }
  throw new Error('expected a PlatformError');
}

describe('the transition table', () => {
  it('lists every action exactly once, as specified', () => {
    expect([...WORKFLOW_ACTIONS].sort()).toEqual(Object.keys(SPEC).sort());
    expect(new Set(WORKFLOW_ACTIONS).size).toBe(TRANSITIONS.length);
    for (const t of TRANSITIONS) {
      expect({ from: [...t.from].sort(), to: t.to, needs: [...t.needs] }).toEqual({
        ...SPEC[t.action],
        from: [...SPEC[t.action].from].sort(),
      });
    }
  });

  it('never loops a status onto itself', () => {
    for (const t of TRANSITIONS) expect(t.from).not.toContain(t.to);
  });

  it('splits the statuses into open and closed', () => {
    expect([...CLOSED_STATUSES]).toEqual(CLOSED);
    expect(REQUEST_STATUSES.filter(isOpen)).toEqual(OPEN);
  });

  it('leaves closed requests only reopen, and lets every open request be withdrawn', () => {
    for (const status of CLOSED) expect(allowedActions(status)).toEqual(['reopen']);
    for (const status of OPEN) expect(allowedActions(status)).toContain('withdraw');
  });

  it('recognises statuses and actions at runtime', () => {
    expect(isRequestStatus('in-progress')).toBe(true);
    expect(isRequestStatus('closed')).toBe(false);
    expect(isRequestStatus(undefined)).toBe(false);
    expect(isWorkflowAction('fulfil')).toBe(true);
    expect(isWorkflowAction('fulfill')).toBe(false);
  });
});

describe('nextStatus over every (status, action) pair', () => {
  it.each(pairs.filter((p) => p.allowed))('$status --$action--> table target', ({ status, action }) => {
    expect(nextStatus(status, action)).toBe(SPEC[action].to);
    expect(allowedActions(status)).toContain(action);
  });

  it.each(pairs.filter((p) => !p.allowed))('$status refuses $action with a 409', ({ status, action }) => {
    const err = thrown(() => nextStatus(status, action));
    expect(err.statusCode).toBe(409);
    expect(err.code).toBe('ILLEGAL_TRANSITION');
    expect(err.details?.context).toEqual({ status, allowedActions: allowedActions(status) });
    expect(err.message).toContain(status);
    expect(err.message).toContain(action);
    for (const allowed of allowedActions(status)) expect(err.message).toContain(allowed);
    expect(allowedActions(status)).not.toContain(action);
  });

  it('says which actions are allowed', () => {
    expect(thrown(() => nextStatus('fulfilled', 'fulfil')).message).toBe(
      'Cannot fulfil: the request is fulfilled. Allowed actions: reopen.',
    );
  });

  it('rejects an unknown action as a bad request', () => {
    expect(thrown(() => nextStatus('received', 'approve' as WorkflowAction)).statusCode).toBe(400);
  });
});

describe('applyTransition', () => {
  it.each(pairs.filter((p) => p.allowed))('$status --$action--> applies', ({ status, action }) => {
    const result = applyTransition({ status, pauses: [] }, action, FULL_INPUT);
    expect(result.status).toBe(SPEC[action].to);
    expect(result.changes[0]).toEqual({ field: 'status', before: status, after: SPEC[action].to });
  });

  it.each(pairs.filter((p) => !p.allowed))('$status refuses $action', ({ status, action }) => {
    const err = thrown(() => applyTransition({ status, pauses: [] }, action, FULL_INPUT));
    expect(err.statusCode).toBe(409);
  });

  it('reports an illegal transition before missing details', () => {
    const err = thrown(() => applyTransition({ status: 'fulfilled', pauses: [] }, 'deny', { at: AT }));
    expect(err.statusCode).toBe(409);
    expect(err.code).toBe('ILLEGAL_TRANSITION');
  });

  describe('pauses', () => {
    const earlier: Pause = {
      startedAt: '2026-02-20T10:00:00.000Z',
      endedAt: '2026-02-21T10:00:00.000Z',
      reason: 'payment',
    };

    it('opens a pause when waiting for the requester', () => {
      const result = applyTransition({ status: 'in-progress', pauses: [earlier] }, 'await-requester', {
        at: AT,
        pauseReason: 'clarification',
      });
      expect(result.status).toBe('awaiting-requester');
      expect(result.pauses).toEqual([earlier, { startedAt: AT, reason: 'clarification' }]);
      expect(result.changes).toEqual([
        { field: 'status', before: 'in-progress', after: 'awaiting-requester' },
        { field: 'pauses[1]', before: null, after: { startedAt: AT, reason: 'clarification' } },
      ]);
    });

    const open: Pause = { startedAt: '2026-02-27T14:00:00.000Z', reason: 'payment' };
    it.each(['resume', 'deny', 'withdraw'] as const)('closes the open pause on %s', (action) => {
      const request = { status: 'awaiting-requester' as const, pauses: [earlier, open] };
      const result = applyTransition(request, action, FULL_INPUT);
      expect(result.pauses).toEqual([earlier, { ...open, endedAt: AT }]);
      expect(result.changes).toContainEqual({
        field: 'pauses[1]',
        before: open,
        after: { ...open, endedAt: AT },
      });
      expect(request.pauses[1]).toEqual(open); // the input is not mutated
    });

    it('leaves closed pauses alone on other actions', () => {
      const result = applyTransition({ status: 'in-progress', pauses: [earlier] }, 'fulfil', { at: AT });
      expect(result.pauses).toEqual([earlier]);
      expect(result.changes).toEqual([{ field: 'status', before: 'in-progress', after: 'fulfilled' }]);
    });

    it('refuses to end a pause before it started', () => {
      const err = thrown(() =>
        applyTransition({ status: 'awaiting-requester', pauses: [open] }, 'resume', {
          at: '2026-02-27T13:59:59.000Z',
        }),
      );
      expect(err.statusCode).toBe(400);
      expect(err.details?.issues?.map((i) => i.path)).toEqual(['at']);
    });
  });

  describe('required details', () => {
    const cases: { action: WorkflowAction; from: RequestStatus; input: TransitionInput; path: string }[] = [
      { action: 'await-requester', from: 'in-progress', input: { at: AT }, path: 'pauseReason' },
      {
        action: 'await-requester',
        from: 'in-progress',
        input: { at: AT, pauseReason: 'vacation' as Pause['reason'] },
        path: 'pauseReason',
      },
      { action: 'fulfil-partially', from: 'in-progress', input: { at: AT }, path: 'exemptions' },
      {
        action: 'fulfil-partially',
        from: 'in-progress',
        input: { at: AT, exemptions: [] },
        path: 'exemptions',
      },
      { action: 'deny', from: 'received', input: { at: AT }, path: 'exemptions' },
      { action: 'deny', from: 'acknowledged', input: { at: AT, exemptions: ['  '] }, path: 'exemptions' },
      { action: 'reopen', from: 'denied', input: { at: AT }, path: 'reason' },
      { action: 'reopen', from: 'withdrawn', input: { at: AT, reason: '   ' }, path: 'reason' },
      { action: 'fulfil', from: 'in-progress', input: { at: 'yesterday' }, path: 'at' },
      { action: 'fulfil', from: 'in-progress', input: { at: '' }, path: 'at' },
    ];

    it.each(cases)('$action from $from without a valid $path is a 400', ({ action, from, input, path }) => {
      const err = thrown(() => applyTransition({ status: from, pauses: [] }, action, input));
      expect(err.statusCode).toBe(400);
      expect(err.details?.issues?.map((i) => i.path)).toEqual([path]);
    });

    it('accepts the action once the detail is given', () => {
      expect(
        applyTransition({ status: 'denied', pauses: [] }, 'reopen', { at: AT, reason: 'Appeal settled' })
          .status,
      ).toBe('in-progress');
      expect(
        applyTransition({ status: 'in-progress', pauses: [] }, 'fulfil-partially', {
          at: AT,
          exemptions: ['1-210(b)(10)'],
        }).status,
      ).toBe('partially-fulfilled');
    });

    it('lets the actions without needs go through with just a time', () => {
      for (const t of TRANSITIONS.filter((t) => t.needs.length === 0)) {
        expect(applyTransition({ status: t.from[0]!, pauses: [] }, t.action, { at: AT }).status).toBe(t.to);
      }
    });
  });
});
