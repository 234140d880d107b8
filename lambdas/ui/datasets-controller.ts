/**
 * The datasets pages: register, upload, ingestion status, personal-data findings,
 * publish, versions. Each reads or acts through the same use cases and the same
 * authorization function as the JSON staff routes (lambdas/domain/datasets/
 * publishing.ts, assertCanManage) with the same input schemas
 * (lambdas/api/schemas/publishing.ts). The pages add presentation only.
 */
import * as z from 'zod/mini';
import {
  ColumnDescriptionsBody,
  CompleteUploadBody,
  DecisionsBody,
  NewVersionBody,
  RegisterDatasetBody,
  StaffDatasetParams,
  StaffVersionParams,
  WithdrawBody,
} from '../api/schemas/publishing';
import {
  completeMultipartUpload,
  decideOnFindings,
  describeDatasetColumns,
  INGESTION_STUCK_AFTER_MS,
  listDepartmentDatasets,
  publishDatasetVersion,
  quarantinedVersionsFor,
  registerDataset,
  retryIngestion,
  startVersionUpload,
  withdrawDatasetVersion,
} from '../domain/datasets/publishing';
import {
  assertCanManage,
  canManageDataset,
  uncoveredFindings,
  type DatasetVersion,
} from '../domain/datasets/versions';
import { notFound, PlatformError } from '../shared/errors';
import type { StaffPrincipal } from '../shared/staff';
import { notice, type FieldErrors, type FormState, type Option } from './components';
import { render, type DatasetPagesDeps, type PageContext } from './context';
import { DEPARTMENTS } from './format';
import { errorsOfIssues, optionalNumber, optionalText, parseForm } from './forms';
import { html, type SafeHtml } from './html';
import { jsonResult, pathOf, redirect, type PageResult } from './http';
import {
  datasetListPage,
  datasetPath,
  registerDatasetPage,
  versionPath,
  type DatasetListItem,
  type QuarantinedItem,
} from './pages/datasets';
import { datasetPage, versionPage, type DatasetUploadInstructions } from './pages/datasets-detail';
import { staff, type StaffRouter } from './staff-route';

const principalOf = (ctx: PageContext<DatasetPagesDeps>) => ctx.session.principal;
const LIST_LIMIT = 50;
/** All departments at once: the first datasets of each, with a link to the rest. */
const ALL_DEPARTMENTS_LIMIT = 20;
const HISTORY_LIMIT = 50;

// ---------------------------------------------------------------- forms → the routes' bodies

/** `roads, Snow ,, complaints` → `['roads', 'Snow', 'complaints']` (the use case normalizes case). */
export function listField(value: string | null | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
}

/** Empty fields are left out, as a JSON body leaves them out (the store refuses undefined attributes). */
const present = (body: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined));

/** The register form as RegisterDatasetBody's input. */
export function registrationOf(form: URLSearchParams): Record<string, unknown> {
  return present({
    datasetId: optionalText(form, 'datasetId'),
    title: optionalText(form, 'title'),
    description: optionalText(form, 'description'),
    keywords: listField(form.get('keywords')),
    ownerDepartment: optionalText(form, 'ownerDepartment'),
    contactName: optionalText(form, 'contactName'),
    contactEmail: optionalText(form, 'contactEmail'),
    license: optionalText(form, 'license'),
    updateFrequency: optionalText(form, 'updateFrequency'),
    accessLevel: optionalText(form, 'accessLevel'),
    primaryKey: optionalText(form, 'primaryKey'),
  });
}

/** The upload form as NewVersionBody's input (the page's own contentType field is not part of it). */
export function newVersionOf(form: URLSearchParams): Record<string, unknown> {
  return {
    fileName: optionalText(form, 'fileName'),
    sizeBytes: optionalNumber(form, 'sizeBytes'),
    sortable: listField(form.get('sortable')),
    acceptBreakingChange: form.get('acceptBreakingChange') === 'yes',
  };
}

/** One column's decision form as DecisionsBody's input: one decision per kind found in the column. */
export function decisionsOf(form: URLSearchParams): Record<string, unknown> {
  const column = form.get('column') ?? '';
  const reason = optionalText(form, 'reason');
  return { decisions: form.getAll('pattern').map((pattern) => ({ column, pattern, reason })) };
}

/** The columns form as ColumnDescriptionsBody's input: the columns given words (an empty box is left as it is). */
export function columnDescriptionsOf(form: URLSearchParams): {
  descriptions: { field: string; description: string }[];
} {
  const descriptions: { field: string; description: string }[] = [];
  for (let i = 0; form.has(`field-${i}`) && i < 500; i++) {
    const description = optionalText(form, `description-${i}`);
    if (description) descriptions.push({ field: form.get(`field-${i}`) ?? '', description });
  }
  return { descriptions };
}

/** The columns form's errors on its boxes: a description too long, or none written. */
function describeErrors(form: URLSearchParams): FieldErrors {
  const errors: FieldErrors = {};
  for (let i = 0; form.has(`field-${i}`) && i < 500; i++) {
    if ((optionalText(form, `description-${i}`) ?? '').length > 1000)
      errors[`description-${i}`] = 'Use at most 1000 characters.';
  }
  if (!Object.keys(errors).length) errors['description-0'] = 'Describe at least one column.';
  return errors;
}

/** The withdraw form as WithdrawBody's input ('' = the newest other published version). */
export function withdrawalOf(form: URLSearchParams): Record<string, unknown> {
  return present({ reason: optionalText(form, 'reason'), rollbackTo: optionalNumber(form, 'rollbackTo') });
}

/** When a run still "ingesting" counts as dead (the use case refuses a restart before then); undefined otherwise. */
export function ingestionStuckAfter(
  version: Pick<DatasetVersion, 'state' | 'ingestionStartedAt' | 'createdAt'>,
): string | undefined {
  if (version.state !== 'ingesting') return undefined;
  const started = Date.parse(version.ingestionStartedAt ?? version.createdAt);
  return new Date(started + INGESTION_STUCK_AFTER_MS).toISOString();
}

function departmentsOf(principal: StaffPrincipal): Option[] {
  return DEPARTMENTS.filter((d) => canManageDataset(principal, d.id)).map((d) => ({
    value: d.id,
    label: d.name,
  }));
}

const formValues = (ctx: PageContext<DatasetPagesDeps>) => {
  const values = new URLSearchParams(ctx.request.form);
  values.delete('csrf');
  return values;
};

// ---------------------------------------------------------------- the list

async function quarantinedFor(ctx: PageContext<DatasetPagesDeps>): Promise<QuarantinedItem[]> {
  const { items } = await quarantinedVersionsFor(ctx.deps.datasets, principalOf(ctx));
  return items.map(({ version: v, dataset }) => ({
    datasetId: v.datasetId,
    title: dataset.title,
    version: v.version,
    fileName: v.fileName,
    createdAt: v.createdAt,
    openFindings: uncoveredFindings(v).length,
  }));
}

async function list(ctx: PageContext<DatasetPagesDeps>): Promise<PageResult> {
  const principal = principalOf(ctx);
  const q = ctx.request.query;
  const departments = departmentsOf(principal);
  // City IT sees every department at once unless it picks one: one Query per department, side by side.
  const all = departments.length > 1 && (q.get('department') || 'all') === 'all';
  const cursor = q.get('cursor') || undefined;
  const pages = all
    ? await Promise.all(
        departments.map((d) =>
          listDepartmentDatasets(ctx.deps.datasets.catalog, principal, {
            department: d.value,
            limit: ALL_DEPARTMENTS_LIMIT,
          }),
        ),
      )
    : [
        await listDepartmentDatasets(ctx.deps.datasets.catalog, principal, {
          department: q.get('department') || principal.department || departments[0]?.value || '',
          limit: LIST_LIMIT,
          ...(cursor && /^[A-Za-z0-9_-]{1,200}$/.test(cursor) ? { cursor } : {}),
        }),
      ];
  const summaries = pages.flatMap((p) => p.datasets) as unknown as Omit<DatasetListItem, 'latestState'>[];
  // The summaries carry the latest version number; its state is on the version item.
  const [latest, quarantined] = await Promise.all([
    Promise.all(
      summaries.map((d) =>
        d.latestVersion ? ctx.deps.datasets.getVersion(d.datasetId, d.latestVersion) : undefined,
      ),
    ),
    quarantinedFor(ctx),
  ]);
  return render(
    ctx,
    'Datasets',
    'datasets',
    datasetListPage({
      request: ctx.request,
      department: all ? 'all' : pages[0]!.department,
      departments,
      datasets: summaries.map((d, i) => ({
        ...d,
        latestVersion: latest[i]?.version ?? 0,
        latestState: latest[i]?.state,
      })),
      nextCursor: all ? undefined : pages[0]!.nextCursor,
      moreIn: all ? pages.filter((p) => p.nextCursor).map((p) => p.department) : [],
      quarantined,
    }),
  );
}

// ---------------------------------------------------------------- register

function registerForm(ctx: PageContext<DatasetPagesDeps>, form?: FormState, status = 200): PageResult {
  const principal = principalOf(ctx);
  const departments = departmentsOf(principal);
  return render(
    ctx,
    'Register a dataset',
    'datasets',
    registerDatasetPage({
      request: ctx.request,
      csrf: ctx.session.csrf,
      departments,
      defaults: {
        ownerDepartment: principal.department ?? departments[0]?.value ?? '',
        contactName: '',
        contactEmail: '',
      },
      form,
    }),
    status,
  );
}

async function register(ctx: PageContext<DatasetPagesDeps>): Promise<PageResult> {
  const refused = (errors: FieldErrors, status = 400) =>
    registerForm(ctx, { form: 'register', errors, values: formValues(ctx) }, status);
  const parsed = parseForm(RegisterDatasetBody, registrationOf(ctx.request.form));
  if (!parsed.ok) return refused(parsed.errors);
  try {
    const dataset = await registerDataset(
      ctx.deps.datasets,
      ctx.deps.clock,
      principalOf(ctx),
      parsed.data,
      ctx.request.requestId,
    );
    return redirect(pathOf(ctx.request, `${datasetPath(dataset.datasetId)}?done=registered`));
  } catch (err) {
    if (!(err instanceof PlatformError)) throw err;
    if (err.statusCode === 400) return refused(errorsOfIssues(err.details?.issues, err.message));
    if (err.statusCode === 409) return refused({ datasetId: err.message }, 409);
    if (err.statusCode === 403) return refused({ ownerDepartment: err.message }, 403);
    throw err;
  }
}

// ---------------------------------------------------------------- one dataset

const DONE: Record<string, string> = {
  registered: 'The dataset is registered as a draft. Upload its first file below.',
  decided: 'The decision is recorded in the audit trail.',
  described: 'The descriptions are saved: the data dictionary shows them.',
  published: 'Published: the public reads this version now.',
  withdrawn: 'Withdrawn: the public no longer reads this version.',
  restarted: 'The ingestion starts again.',
};

function datasetIdOf(ctx: PageContext<DatasetPagesDeps>): string {
  const parsed = z.safeParse(StaffDatasetParams, { datasetId: ctx.params.datasetId });
  if (!parsed.success) throw notFound('There is no such dataset.');
  return parsed.data.datasetId;
}

function versionParamsOf(ctx: PageContext<DatasetPagesDeps>): { datasetId: string; version: number } {
  const parsed = z.safeParse(StaffVersionParams, {
    datasetId: ctx.params.datasetId,
    version: ctx.params.version,
  });
  if (!parsed.success) throw notFound('There is no such version.');
  return parsed.data;
}

/** The dataset, for someone who may manage it (as GET /v1/staff/datasets/{id} checks). */
async function managed(ctx: PageContext<DatasetPagesDeps>, datasetId: string) {
  const dataset = await ctx.deps.datasets.getDataset(datasetId);
  if (!dataset) throw notFound(`There is no dataset "${datasetId}".`);
  assertCanManage(principalOf(ctx), dataset.ownerDepartment);
  return dataset;
}

const doneNotice = (ctx: PageContext<DatasetPagesDeps>) => {
  const done = DONE[ctx.request.query.get('done') ?? ''];
  return done ? notice(done) : undefined;
};

async function showDataset(
  ctx: PageContext<DatasetPagesDeps>,
  datasetId: string,
  extra: { notice?: SafeHtml; form?: FormState; upload?: DatasetUploadInstructions; status?: number } = {},
): Promise<PageResult> {
  const dataset = await managed(ctx, datasetId);
  const [versions, history] = await Promise.all([
    ctx.deps.datasets.listVersions(datasetId),
    ctx.deps.datasets.auditTrail('dataset', datasetId, HISTORY_LIMIT),
  ]);
  return render(
    ctx,
    dataset.title,
    'datasets',
    datasetPage({
      request: ctx.request,
      csrf: ctx.session.csrf,
      dataset,
      versions,
      history,
      notice: extra.notice ?? doneNotice(ctx),
      form: extra.form,
      upload: extra.upload,
    }),
    extra.status ?? 200,
  );
}

/**
 * Starts a version upload. The page's script asks for JSON and PUTs the file to S3
 * with a progress bar; without the script the page shows the curl command.
 */
async function startUpload(ctx: PageContext<DatasetPagesDeps>): Promise<PageResult> {
  const datasetId = datasetIdOf(ctx);
  const parsed = parseForm(NewVersionBody, newVersionOf(ctx.request.form));
  const start = (body: z.output<typeof NewVersionBody>) =>
    startVersionUpload(
      ctx.deps.datasets,
      ctx.deps.datasetUploads,
      ctx.deps.clock,
      principalOf(ctx),
      datasetId,
      body,
      ctx.request.requestId,
    );
  if (ctx.request.wantsJson) {
    if (!parsed.ok) return jsonResult(400, { message: Object.values(parsed.errors).join(' ') });
    try {
      const { version, upload } = await start(parsed.data);
      return jsonResult(201, {
        version: version.version,
        // The page's script sends the file as it is; the URL signs no header.
        upload: upload.method === 'PUT' ? { ...upload, headers: {} } : upload,
        // A large file goes in parts; the script then tells the page which parts arrived.
        ...(upload.method === 'MULTIPART'
          ? {
              complete: pathOf(ctx.request, `${versionPath(datasetId, version.version)}/upload-complete`),
            }
          : {}),
        next: pathOf(ctx.request, versionPath(datasetId, version.version)),
      });
    } catch (err) {
      if (err instanceof PlatformError && err.statusCode < 500) {
        return jsonResult(err.statusCode, { message: err.message });
      }
      throw err;
    }
  }
  const refused = (errors: FieldErrors, status = 400) =>
    showDataset(ctx, datasetId, {
      form: { form: 'upload', errors, values: formValues(ctx) },
      notice: notice(html`The form was not sent: <a href="#upload">see what to fix</a>.`, 'bad'),
      status,
    });
  if (!parsed.ok) return refused(parsed.errors);
  try {
    const { version, upload } = await start(parsed.data);
    if (upload.method !== 'PUT') {
      return showDataset(ctx, datasetId, {
        notice: notice(
          html`Files over 100 MB are uploaded in parts: use the API (the upload URLs of version
          ${version.version} are in POST /v1/staff/datasets/${datasetId}/versions).`,
          'warn',
        ),
      });
    }
    return showDataset(ctx, datasetId, {
      notice: notice(
        html`Version ${version.version} is waiting for its file: <a href="#upload-now">upload it now</a>.`,
      ),
      upload: { fileName: version.fileName, url: upload.url, version: version.version },
    });
  } catch (err) {
    if (err instanceof PlatformError && err.statusCode === 400)
      return refused(errorsOfIssues(err.details?.issues, err.message));
    throw err;
  }
}

/** `2:"etag"` fields (one per part the page's script sent) as CompleteUploadBody's input. */
export function partsOf(form: URLSearchParams): Record<string, unknown> {
  return {
    parts: form.getAll('part').map((p) => {
      const at = p.indexOf(':');
      return { partNumber: Number(p.slice(0, at)), etag: p.slice(at + 1) };
    }),
  };
}

/** The page's script finished a multipart upload: S3 assembles the parts, and ingestion follows. */
async function completeUpload(ctx: PageContext<DatasetPagesDeps>): Promise<PageResult> {
  const { datasetId, version } = versionParamsOf(ctx);
  const parsed = parseForm(CompleteUploadBody, partsOf(ctx.request.form));
  if (!parsed.ok) return jsonResult(400, { message: 'The parts of the upload are not listed right.' });
  try {
    await completeMultipartUpload(
      ctx.deps.datasets,
      ctx.deps.datasetUploads,
      principalOf(ctx),
      datasetId,
      version,
      parsed.data.parts,
    );
  } catch (err) {
    if (err instanceof PlatformError && err.statusCode < 500) {
      return jsonResult(err.statusCode, { message: err.message });
    }
    throw err;
  }
  return jsonResult(202, { next: pathOf(ctx.request, versionPath(datasetId, version)) });
}

// ---------------------------------------------------------------- one version

async function showVersion(
  ctx: PageContext<DatasetPagesDeps>,
  extra: { notice?: SafeHtml; form?: FormState; status?: number } = {},
): Promise<PageResult> {
  const { datasetId, version: number } = versionParamsOf(ctx);
  const dataset = await managed(ctx, datasetId);
  const versions = await ctx.deps.datasets.listVersions(datasetId);
  const version = versions.find((v) => v.version === number);
  if (!version) throw notFound(`Dataset "${datasetId}" has no version ${number}.`);
  const after = ingestionStuckAfter(version);
  const stuck = after !== undefined && Date.parse(ctx.deps.clock.now()) >= Date.parse(after);
  return render(
    ctx,
    `${dataset.title}, version ${number}`,
    'datasets',
    versionPage({
      request: ctx.request,
      csrf: ctx.session.csrf,
      dataset,
      version,
      versions,
      uncovered: uncoveredFindings(version),
      stuck,
      stuckAfter: after,
      notice: extra.notice ?? doneNotice(ctx),
      form: extra.form,
    }),
    extra.status ?? 200,
  );
}

/** What every version action passes to its use case, in the use cases' own order. */
interface VersionAction {
  registry: PageContext<DatasetPagesDeps>['deps']['datasets'];
  clock: PageContext<DatasetPagesDeps>['deps']['clock'];
  principal: StaffPrincipal;
  datasetId: string;
  version: number;
  requestId: string;
}

/** A version form: validated with the route's schema, then one use case; refusals come back on the page. */
async function versionForm<T>(
  ctx: PageContext<DatasetPagesDeps>,
  form: string,
  parsed: { ok: true; data: T } | { ok: false; errors: FieldErrors },
  run: (data: T, a: VersionAction) => Promise<unknown>,
  done: keyof typeof DONE,
): Promise<PageResult> {
  const { datasetId, version } = versionParamsOf(ctx);
  const refused = (errors: FieldErrors, status: number) =>
    showVersion(ctx, {
      form: { form, errors, values: formValues(ctx) },
      notice: notice(html`The form was not sent: <a href="#${form}">see what to fix</a>.`, 'bad'),
      status,
    });
  if (!parsed.ok) return refused(parsed.errors, 400);
  try {
    await run(parsed.data, {
      registry: ctx.deps.datasets,
      clock: ctx.deps.clock,
      principal: principalOf(ctx),
      datasetId,
      version,
      requestId: ctx.request.requestId,
    });
  } catch (err) {
    if (!(err instanceof PlatformError)) throw err;
    if (err.statusCode === 400) return refused(errorsOfIssues(err.details?.issues, err.message), 400);
    // A refusal by the rules (still quarantined, not stuck yet, changed meanwhile): the version as it is now.
    if (err.statusCode === 409) return showVersion(ctx, { notice: notice(err.message, 'bad'), status: 409 });
    throw err;
  }
  return redirect(pathOf(ctx.request, `${versionPath(datasetId, version)}?done=${done}`));
}

/** Errors of a decision's fields all belong to the one reason box (the column and kinds are fixed). */
const onReason = (parsed: ReturnType<typeof parseForm<typeof DecisionsBody>>) =>
  parsed.ok
    ? parsed
    : { ok: false as const, errors: { reason: Object.values(parsed.errors)[0] ?? 'Check this.' } };

const NO_FIELDS = { ok: true as const, data: undefined };

function decide(ctx: PageContext<DatasetPagesDeps>): Promise<PageResult> {
  const f = ctx.request.form;
  const formId = /^decide-\d{1,3}$/.test(f.get('formId') ?? '') ? f.get('formId')! : 'decide-0';
  const parsed = onReason(parseForm(DecisionsBody, decisionsOf(f)));
  return versionForm(
    ctx,
    formId,
    parsed,
    (body, a) =>
      decideOnFindings(a.registry, a.clock, a.principal, a.datasetId, a.version, body.decisions, a.requestId),
    'decided',
  );
}

function describe(ctx: PageContext<DatasetPagesDeps>): Promise<PageResult> {
  const parsed = parseForm(ColumnDescriptionsBody, columnDescriptionsOf(ctx.request.form));
  return versionForm(
    ctx,
    'describe',
    parsed.ok ? parsed : { ok: false, errors: describeErrors(ctx.request.form) },
    (body, a) =>
      describeDatasetColumns(
        a.registry,
        a.clock,
        a.principal,
        a.datasetId,
        a.version,
        body.descriptions,
        a.requestId,
      ),
    'described',
  );
}

const publish = (ctx: PageContext<DatasetPagesDeps>) =>
  versionForm(
    ctx,
    'publish',
    NO_FIELDS,
    (_, a) => publishDatasetVersion(a.registry, a.clock, a.principal, a.datasetId, a.version, a.requestId),
    'published',
  );

const withdraw = (ctx: PageContext<DatasetPagesDeps>) =>
  versionForm(
    ctx,
    'withdraw',
    parseForm(WithdrawBody, withdrawalOf(ctx.request.form)),
    (body, a) =>
      withdrawDatasetVersion(
        a.registry,
        a.clock,
        a.principal,
        a.datasetId,
        a.version,
        body.reason,
        body.rollbackTo,
        a.requestId,
      ),
    'withdrawn',
  );

const retry = (ctx: PageContext<DatasetPagesDeps>) =>
  versionForm(
    ctx,
    'retry',
    NO_FIELDS,
    (_, a) =>
      retryIngestion(
        a.registry,
        ctx.deps.datasetUploads,
        a.clock,
        a.principal,
        a.datasetId,
        a.version,
        a.requestId,
      ),
    'restarted',
  );

export function registerDatasetPages(router: StaffRouter<DatasetPagesDeps>): void {
  // '/new' before ':datasetId': the first matching pattern wins.
  router.get('/admin/datasets', staff(list));
  router.get(
    '/admin/datasets/new',
    staff((ctx) => registerForm(ctx)),
  );
  router.post('/admin/datasets/new', staff(register));
  router.get(
    '/admin/datasets/:datasetId',
    staff((ctx) => showDataset(ctx, datasetIdOf(ctx))),
  );
  router.post('/admin/datasets/:datasetId/versions', staff(startUpload));
  router.get(
    '/admin/datasets/:datasetId/versions/:version',
    staff((ctx) => showVersion(ctx)),
  );
  router.post('/admin/datasets/:datasetId/versions/:version/upload-complete', staff(completeUpload));
  router.post('/admin/datasets/:datasetId/versions/:version/decisions', staff(decide));
  router.post('/admin/datasets/:datasetId/versions/:version/column-descriptions', staff(describe));
  router.post('/admin/datasets/:datasetId/versions/:version/publish', staff(publish));
  router.post('/admin/datasets/:datasetId/versions/:version/withdraw', staff(withdraw));
  router.post('/admin/datasets/:datasetId/versions/:version/retry-ingestion', staff(retry));
}
