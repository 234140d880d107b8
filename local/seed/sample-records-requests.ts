/**
 * Sample records requests for the local platform, made through the same use
 * cases staff and residents use: one just received online, one acknowledged
 * and routed to Public Works, one fulfilled and in the archive. Requesters are
 * labelled sample people with example.org addresses. Skipped when the table
 * already holds requests (a second `npm start` on persisted data).
 */
import type { RecordsStore } from '../../lambdas/adapters/records/records-store';
import type { EmailSender } from '../../lambdas/domain/email/messages';
import { actOnRequest, assignRequest, addMessage } from '../../lambdas/domain/records/casework';
import { enterRecordsRequest, submitRecordsRequest } from '../../lambdas/domain/records/intake';
import { systemClock } from '../../lambdas/shared/clock';
import type { StaffPrincipal } from '../../lambdas/shared/staff';

const CLERK: StaffPrincipal = {
  userId: 'local-seed',
  username: 'sample-data-seed',
  roles: ['clerk'],
  department: 'city-clerk',
};

export async function seedSampleRecordsRequests(deps: {
  store: RecordsStore;
  email: EmailSender;
  baseUrl: string;
}): Promise<string[]> {
  if ((await deps.store.openRequestsDueBy('9999-12-31', undefined, 1)).requests.length) return [];
  if (
    (await deps.store.closedRequests(Number(new Date().toISOString().slice(0, 4)), undefined, 1)).requests
      .length
  )
    return [];
  const use = { store: deps.store, email: deps.email, clock: systemClock };
  const context = { requestId: 'local-seed', baseUrl: deps.baseUrl };
  const created = async (body: unknown) => (body as { trackingNumber: string }).trackingNumber;

  const received = await created(
    (
      await submitRecordsRequest(
        use,
        {
          description: '[Sample] Snow plow routes and the priority map for the 2026-2027 winter.',
          delivery: 'electronic',
          requester: { name: 'Sample Requester One', email: 'sample.one@example.org' },
        },
        { sourceIp: '127.0.0.1', ...context },
      )
    ).body,
  );

  const routed = await created(
    (
      await enterRecordsRequest(
        use,
        CLERK,
        {
          description: '[Sample] Pothole repair work orders on Main Street, January to October.',
          delivery: 'paper',
          channel: 'mail',
          receivedAt: new Date(Date.now() - 2 * 86_400_000).toISOString(),
          receivingOffice: 'city-clerk',
          requester: { name: 'Sample Requester Two', postalAddress: '1 Example Way, Danbury, CT 06810' },
        },
        context,
      )
    ).body,
  );
  let request = await actOnRequest(use, CLERK, routed, { action: 'acknowledge', revision: 1 }, context);
  request = await assignRequest(
    use,
    CLERK,
    routed,
    { revision: request.revision, department: 'public-works' },
    context,
  );

  const closed = await created(
    (
      await submitRecordsRequest(
        use,
        {
          description: '[Sample] The adopted budget of the Health Department, fiscal year 2026.',
          delivery: 'electronic',
          requester: { name: 'Sample Requester Three', email: 'sample.three@example.org' },
        },
        { sourceIp: '127.0.0.2', ...context },
      )
    ).body,
  );
  request = await actOnRequest(use, CLERK, closed, { action: 'acknowledge', revision: 1 }, context);
  await addMessage(
    use,
    CLERK,
    closed,
    { visibility: 'public', text: 'The adopted budget is also published on the city website.' },
    context,
  );
  await actOnRequest(
    use,
    CLERK,
    closed,
    {
      action: 'fulfil',
      revision: request.revision,
      message: 'The budget document is attached to your request.',
    },
    context,
  );
  return [received, routed, closed];
}
