/** What the admin UI's pages get: the ports they call (the same as the JSON routes'), its settings, the request. */
import type { AuditEvent, Clock } from '../domain/audit';
import type { ApiKeyApplication } from '../domain/api-access/applications';
import type { ApiKeyRecord } from '../domain/api-access/api-keys';
import type { AuditLogFilter, AuditLogPage } from '../domain/audit-log';
import type { ApiAccessStorePort, KeyManagerPort } from '../domain/api-access/use-cases';
import type { DatasetRegistryPort, OwnedDatasetsPort, UploadPort } from '../domain/datasets/publishing';
import type { DatasetVersion } from '../domain/datasets/versions';
import type { CaseEffectsPort, CaseStorePort } from '../domain/enforcement/use-cases';
import type { RecordsEmailPort, RecordsStorePort, RequestFilesPort } from '../domain/records/ports';
import type { StaffTokenVerifier } from '../shared/staff-token';
import type { OutboxPage } from '../adapters/email/outbox-email-sender';
import type { SafeHtml } from './html';
import { htmlResult, type PageRequest, type PageResult } from './http';
import { layout, type Section } from './layout';
import type { Session } from './session';
import type { SignInPort } from './sign-in';

export interface AdminUiDeps {
  store: RecordsStorePort;
  files: RequestFilesPort;
  email: RecordsEmailPort;
  clock: Clock;
  applications: ApiAccessStorePort & {
    listApplications(status: string, limit: number): Promise<ApiKeyApplication[]>;
    listKeys(
      status: string,
      limit: number,
      cursor?: string,
    ): Promise<{ keys: ApiKeyRecord[]; nextCursor?: string }>;
  };
  /** The gateway's key manager (approval issues a key; revocation disables it). */
  keys: KeyManagerPort;
  /** The publishing use cases' registry (lambdas/domain/datasets/publishing.ts), plus the work-queue index. */
  datasets: DatasetRegistryPort & {
    versionsInState(state: string, limit?: number): Promise<DatasetVersion[]>;
    catalog: OwnedDatasetsPort;
    /** A dataset's trail, its versions' events included, newest first (GET /v1/staff/datasets/{id}/audit). */
    auditTrail(subjectType: 'dataset', subjectId: string, limit?: number): Promise<AuditEvent[]>;
  };
  /** Presigned CSV uploads to the datasets bucket's staging prefix (and re-announcing a dead ingestion's file). */
  datasetUploads: UploadPort;
  cases: CaseStorePort;
  /** The owning features' use cases that case actions go through, for one request. */
  caseEffects(context: { requestId: string; baseUrl: string }): CaseEffectsPort;
  /** The audit log viewer's reads (lambdas/adapters/audit-log-store.ts). */
  auditLog: {
    events(filter: AuditLogFilter, page: { limit: number; cursor?: string }): Promise<AuditLogPage>;
  };
  /** Local mode only: the e-mails the platform would have sent. */
  outbox?: { list(limit: number, cursor?: string): Promise<OutboxPage> } | undefined;
}

/** What every area's pages share: the clock (the sign-in and CSRF checks read it too). */
export type AdminShellDeps = Pick<AdminUiDeps, 'clock'>;
/**
 * Each area's Lambda wires only the ports its pages call (lambdas/handlers/admin-ui/): a smaller
 * bundle, a faster cold start, and no rights it does not use.
 */
export type HomePagesDeps = Pick<
  AdminUiDeps,
  'store' | 'clock' | 'applications' | 'datasets' | 'cases' | 'outbox'
>;
export type RecordsPagesDeps = Pick<AdminUiDeps, 'store' | 'files' | 'email' | 'clock'>;
export type DatasetPagesDeps = Pick<AdminUiDeps, 'datasets' | 'datasetUploads' | 'clock'>;
export type ApiKeyPagesDeps = Pick<AdminUiDeps, 'applications' | 'keys' | 'email' | 'clock'>;
export type EnforcementPagesDeps = Pick<AdminUiDeps, 'cases' | 'caseEffects' | 'email' | 'clock'>;
export type SettingsPagesDeps = Pick<AdminUiDeps, 'store' | 'auditLog' | 'clock'>;

export interface AdminUiConfig {
  signIn: SignInPort;
  /** The JSON staff routes' verifier (lambdas/shared/staff-token.ts). */
  verifyToken: StaffTokenVerifier;
  /** HMAC key of the CSRF tokens (ADMIN_UI_CSRF_SECRET). */
  csrfSecret: string;
  /** In AWS, the admin UI's origin: the OAuth callback registered on the app client hangs off it. */
  adminOrigin?: string | undefined;
  /** S3's origin, for the page's presigned uploads (CSP connect-src). */
  uploadOrigins: readonly string[];
  /** Local mode: the navigation links the e-mail outbox (served by the home pages). */
  localOutbox: boolean;
}

export interface PageContext<D = AdminUiDeps> {
  request: PageRequest;
  session: Session;
  params: Record<string, string>;
  deps: D;
  config: AdminUiConfig;
}

/** A page in the shell (header, navigation, sign-out). */
export function render(
  ctx: Pick<PageContext<unknown>, 'request' | 'session' | 'config'>,
  title: string,
  current: Section | undefined,
  content: SafeHtml,
  status = 200,
): PageResult {
  return htmlResult(
    status,
    layout({
      title,
      request: ctx.request,
      session: ctx.session,
      ...(current ? { current } : {}),
      outbox: ctx.config.localOutbox,
      content,
    }),
  );
}
