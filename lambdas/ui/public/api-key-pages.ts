/** Getting an API key: how, the terms, the application form and what happens next. */
import { ApiKeyApplicationBody } from '../../api/schemas/api-access';
import type { Clock } from '../../domain/audit';
import {
  getPublishedDataset,
  listAllPublished,
  type DatasetCatalogStore,
} from '../../domain/datasets/catalog';
import {
  submitApplication,
  type ApiAccessStorePort,
  type DatasetOwners,
  type EmailPort,
} from '../../domain/api-access/use-cases';
import { PlatformError } from '../../shared/errors';
import type { FieldErrors, FormState } from '../components';
import { errorsOfIssues, optionalNumber, optionalText, parseForm } from '../forms';
import { pathOf, redirect } from '../http';
import { clientIpOf, formKeyOf, newFormKey, siteBaseUrl } from './site-forms';
import { apiKeyApplicationPage, apiKeyApplicationSentPage, apiKeysPage } from './pages/api-keys';
import { sitePage, type PublicPageContext, type PublicRouter } from './site-context';

/** What the API key pages call: the same store and e-mail as `POST /v1/api-key-applications`. */
export interface ApiKeyApplicationPorts {
  store: ApiAccessStorePort;
  email: EmailPort;
}

/** The API key pages' ports, and the catalog (the form lists the published datasets, and checks their owners). */
export interface ApiKeyPagesDeps {
  clock: Clock;
  catalog: { catalog: DatasetCatalogStore };
  apiKeyApplications: ApiKeyApplicationPorts;
}

/** The form's fields as the JSON route's body: the route's own schema decides what is valid. */
export function applicationBodyOf(form: URLSearchParams) {
  return {
    applicantName: optionalText(form, 'applicantName'),
    email: optionalText(form, 'email'),
    organization: optionalText(form, 'organization'),
    intendedUse: optionalText(form, 'intendedUse'),
    datasets: form.getAll('datasets'),
    departments: form.getAll('departments'),
    expectedRequestsPerDay: optionalNumber(form, 'expectedRequestsPerDay'),
    requestedTier: optionalText(form, 'requestedTier'),
    acceptTermsVersion: form.get('acceptTermsVersion') ?? '',
  };
}

const FORM = 'apply';

/** What to do about an empty field, in the field's words (the error summary lists them out of context). */
const WHEN_EMPTY: Record<string, string> = {
  applicantName: 'Enter your name.',
  email: 'Enter your e-mail address.',
  intendedUse: 'Say what you will do with the data.',
  expectedRequestsPerDay: 'Enter about how many requests a day, like 500.',
  acceptTermsVersion: 'Accept the terms of use to apply.',
};

export function inPlainWords(errors: FieldErrors): FieldErrors {
  const plain: FieldErrors = {};
  for (const [name, message] of Object.entries(errors)) {
    const empty = message === 'Fill this in.' || name === 'acceptTermsVersion';
    plain[name] = (empty && WHEN_EMPTY[name]) || message;
  }
  return plain;
}

export function registerApiKeyPages(router: PublicRouter<ApiKeyPagesDeps>): void {
  router.get('/api-keys', (ctx) =>
    sitePage(ctx, 'API keys', 'api-keys', apiKeysPage({ request: ctx.request })),
  );

  router.get('/api-keys/apply', async (ctx) => showForm(ctx, undefined));

  router.post('/api-keys/apply', async (ctx) => {
    const form = ctx.request.form;
    const parsed = parseForm(ApiKeyApplicationBody, applicationBodyOf(form));
    if (!parsed.ok) {
      return showForm(ctx, { form: FORM, errors: inPlainWords(parsed.errors), values: form }, 400);
    }
    const { catalog } = ctx.deps.catalog;
    const datasets: DatasetOwners = {
      ownerOf: (datasetId) =>
        getPublishedDataset(catalog, datasetId).then(
          (dataset) => dataset.ownerDepartment,
          (err: unknown) => {
            if (err instanceof PlatformError && err.statusCode === 404) return undefined;
            throw err;
          },
        ),
    };
    try {
      await submitApplication(
        { ...ctx.deps.apiKeyApplications, datasets, clock: ctx.deps.clock },
        parsed.data,
        {
          sourceIp: clientIpOf(ctx.request),
          // A double-clicked form: the second submission gets the first one's answer, not a 409.
          ...(formKeyOf(form) ? { idempotencyKey: `site-${formKeyOf(form)}` } : {}),
          requestId: ctx.request.requestId,
          baseUrl: siteBaseUrl(ctx.request),
        },
      );
    } catch (err) {
      if (!(err instanceof PlatformError) || ![400, 409, 429].includes(err.statusCode)) throw err;
      // An open application for this address (409), too many from this address (429): said on the form.
      const errors = errorsOfIssues(err.details?.issues, err.message);
      const retryAfter = err.details?.retryAfterSeconds;
      return showForm(
        ctx,
        { form: FORM, errors, values: form },
        err.statusCode,
        retryAfter ? { 'Retry-After': String(retryAfter) } : undefined,
      );
    }
    // The e-mail address stays out of the address bar: the status link goes to the inbox.
    return redirect(pathOf(ctx.request, '/api-keys/apply/sent'));
  });

  router.get('/api-keys/apply/sent', (ctx) =>
    sitePage(ctx, 'Application sent', 'api-keys', apiKeyApplicationSentPage({ request: ctx.request }), {
      indexable: false,
    }),
  );
}

async function showForm(
  ctx: PublicPageContext<ApiKeyPagesDeps>,
  state: FormState | undefined,
  status = 200,
  headers?: Record<string, string>,
) {
  const datasets = await listAllPublished(ctx.deps.catalog.catalog);
  return sitePage(
    ctx,
    state ? 'Error: apply for an API key' : 'Apply for an API key',
    'api-keys',
    apiKeyApplicationPage({
      request: ctx.request,
      csrf: ctx.csrf,
      formKey: formKeyOf(state?.values ?? new URLSearchParams()) ?? newFormKey(),
      state,
      datasets,
    }),
    { status, ...(headers ? { extra: { headers } } : {}) },
  );
}
