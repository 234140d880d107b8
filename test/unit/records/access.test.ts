import type { StaffPrincipal } from '../../../lambdas/shared/staff';
import {
  canActOnRequest,
  canAssign,
  canViewRequest,
  MESSAGE_AUDIENCES,
  MESSAGE_VISIBILITIES,
  visibleMessage,
  type MessageAudience,
  type MessageVisibility,
} from '../../../lambdas/domain/records/access';

const staff = (roles: StaffPrincipal['roles'], department?: string): StaffPrincipal => ({
  userId: `u-${roles.join('-')}-${department ?? 'none'}`,
  username: 'someone',
  roles,
  ...(department ? { department } : {}),
});

const clerk = staff(['clerk'], 'city-clerk');
const itAdmin = staff(['it-admin'], 'information-technology');
const police = staff(['department-staff'], 'police');
const noDepartment = staff(['department-staff']);
const nobody = staff([], 'police');

const routedToPolice = { department: 'police', receivingOffice: 'city-clerk' };
const routedToWorks = { department: 'public-works', receivingOffice: 'police' };
const unroutedAtPolice = { receivingOffice: 'police' };
const unroutedAtClerk = { receivingOffice: 'city-clerk' };
const all = [routedToPolice, routedToWorks, unroutedAtPolice, unroutedAtClerk];

describe('viewing and acting on a request', () => {
  it.each([
    ['clerks', clerk],
    ['IT admins', itAdmin],
  ])('%s see and act on every request', (_who, principal) => {
    for (const request of all) {
      expect(canViewRequest(principal, request)).toBe(true);
      expect(canActOnRequest(principal, request)).toBe(true);
    }
  });

  it('department staff see requests routed to their department', () => {
    expect(canViewRequest(police, routedToPolice)).toBe(true);
    expect(canActOnRequest(police, routedToPolice)).toBe(true);
  });

  it('department staff see unrouted requests their office received', () => {
    expect(canViewRequest(police, unroutedAtPolice)).toBe(true);
    expect(canActOnRequest(police, unroutedAtPolice)).toBe(true);
  });

  it('department staff lose a request their office received once it is routed elsewhere', () => {
    expect(canViewRequest(police, routedToWorks)).toBe(false);
    expect(canActOnRequest(police, routedToWorks)).toBe(false);
  });

  it("department staff see nothing of other departments' requests", () => {
    expect(canViewRequest(police, unroutedAtClerk)).toBe(false);
    expect(canActOnRequest(police, unroutedAtClerk)).toBe(false);
  });

  it('fails closed without a department or a role', () => {
    for (const request of all) {
      expect(canViewRequest(noDepartment, request)).toBe(false);
      expect(canViewRequest(nobody, request)).toBe(false);
      expect(canActOnRequest(nobody, request)).toBe(false);
    }
  });
});

describe('routing', () => {
  it('clerks route any request anywhere', () => {
    for (const request of all) {
      expect(canAssign(clerk, 'finance', request)).toBe(true);
      expect(canAssign(clerk, 'police', request)).toBe(true);
    }
  });

  it('department staff reroute their own requests to another department', () => {
    expect(canAssign(police, 'public-works', routedToPolice)).toBe(true);
    expect(canAssign(police, 'finance', unroutedAtPolice)).toBe(true);
    expect(canAssign(police, 'police', unroutedAtPolice)).toBe(true);
  });

  it("department staff never take another department's request", () => {
    expect(canAssign(police, 'police', routedToWorks)).toBe(false);
    expect(canAssign(police, 'police', unroutedAtClerk)).toBe(false);
  });

  it('IT admins, staff without a department and people without a role do not route', () => {
    expect(canAssign(itAdmin, 'finance', routedToPolice)).toBe(false);
    expect(canAssign(noDepartment, 'finance', unroutedAtPolice)).toBe(false);
    expect(canAssign(nobody, 'finance', routedToPolice)).toBe(false);
  });

  it('needs a target department', () => {
    expect(canAssign(clerk, ' ', routedToPolice)).toBe(false);
  });
});

describe('message visibility', () => {
  const expected: Record<MessageAudience, MessageVisibility[]> = {
    staff: ['internal', 'requester', 'public'],
    requester: ['requester', 'public'],
    public: ['public'],
  };

  it.each(MESSAGE_AUDIENCES.flatMap((audience) => MESSAGE_VISIBILITIES.map((v) => [v, audience] as const)))(
    'a %s message for the %s audience',
    (visibility, audience) => {
      expect(visibleMessage(visibility, audience)).toBe(expected[audience].includes(visibility));
    },
  );

  it('never shows internal notes outside staff', () => {
    expect(visibleMessage('internal', 'requester')).toBe(false);
    expect(visibleMessage('internal', 'public')).toBe(false);
    expect(visibleMessage('requester', 'public')).toBe(false);
  });

  it('fails closed on unknown values', () => {
    expect(visibleMessage('secret' as MessageVisibility, 'staff')).toBe(false);
    expect(visibleMessage('public', 'toString' as MessageAudience)).toBe(false);
  });
});
