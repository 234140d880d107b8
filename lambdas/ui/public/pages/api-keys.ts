/** API keys for residents and developers: what a key is for, the terms, the form, what happens next. */
import type { DatasetRecord } from '../../../domain/datasets/dataset';
import { API_TERMS } from '../../../shared/api-terms';
import { USAGE_TIER_NAMES, USAGE_TIERS } from '../../../shared/usage-tiers';
import {
  choices,
  csrfField,
  errorSummary,
  textArea,
  textField,
  type FormState,
  type Option,
} from '../../components';
import { DEPARTMENTS, words } from '../../format';
import { html } from '../../html';
import { pathOf, type PageRequest } from '../../http';

const PERIOD_WORDS = { DAY: 'a day', WEEK: 'a week', MONTH: 'a month' } as const;

/** A usage plan's limits in words: "10,000 requests a day, up to 5 a second". */
export function tierLimitsInWords(name: keyof typeof USAGE_TIERS): string {
  const tier = USAGE_TIERS[name];
  return `${tier.quota.limit.toLocaleString('en-US')} requests ${PERIOD_WORDS[tier.quota.period]}, up to ${tier.rateLimit} a second`;
}

/** Built when the form is shown, not at import: the number formatting loads ICU data (a cold start's ~10 ms). */
const tierOptions = (): Option[] =>
  USAGE_TIER_NAMES.map((name) => ({
    value: name,
    label: words(name),
    hint: `${USAGE_TIERS[name].description} ${tierLimitsInWords(name)}.`,
  }));

function terms() {
  return html`<h2 id="terms">Terms of use</h2>
    <p>${API_TERMS.title} (version ${API_TERMS.version}):</p>
    <ol class="terms">
      ${API_TERMS.text.map((line) => html`<li>${line}</li>`)}
    </ol>`;
}

export function apiKeysPage(input: { request: Pick<PageRequest, 'basePath'> }) {
  const { request } = input;
  return html`<h1>API keys</h1>
    <p class="lead">
      An API key lets a program read the city's data directly: an app, a newsroom's charts, a research script.
    </p>
    <p>
      You do not need a key to browse the <a href="${pathOf(request, '/datasets')}">datasets</a> or to
      download a whole file from a dataset's page. A key is for reading rows page by page, filtering and
      sorting them, and following changes between versions.
    </p>
    <h2>How it works</h2>
    <ol>
      <li>Fill in the application: who you are, what you will build, which data you need.</li>
      <li>You get an e-mail saying the city received it, with a private link to follow your application.</li>
      <li>
        The office that owns the data decides, usually within a few business days. If it approves, a second
        e-mail brings a one-time link to your key.
      </li>
    </ol>
    <h2>Usage plans</h2>
    <ul>
      ${USAGE_TIER_NAMES.map(
        (name) =>
          html`<li>
            <strong>${words(name)}</strong>: ${USAGE_TIERS[name].description} ${tierLimitsInWords(name)}.
          </li>`,
      )}
    </ul>
    ${terms()}
    <p><a class="button" href="${pathOf(request, '/api-keys/apply')}">Apply for an API key</a></p>`;
}

export interface ApplicationPageInput {
  request: Pick<PageRequest, 'basePath'>;
  csrf: string;
  /** One key per form shown: sent twice, the form makes one application. */
  formKey: string;
  state: FormState | undefined;
  /** Published datasets, to say which ones the key is for. */
  datasets: DatasetRecord[];
}

const FORM = 'apply';

export function apiKeyApplicationPage(input: ApplicationPageInput) {
  const { request, state } = input;
  return html`<p><a href="${pathOf(request, '/api-keys')}">About API keys</a></p>
    <h1>Apply for an API key</h1>
    <p class="lead">It takes a few minutes. All fields are required unless they say optional.</p>
    <form method="post" action="${pathOf(request, '/api-keys/apply')}" novalidate>
      ${csrfField(input.csrf)}
      <input type="hidden" name="formKey" value="${input.formKey}" />
      ${errorSummary(state, FORM)}
      ${textField({
        form: FORM,
        name: 'applicantName',
        label: 'Your name',
        autocomplete: 'name',
        required: true,
        state,
      })}
      ${textField({
        form: FORM,
        name: 'email',
        label: 'E-mail address',
        hint: 'Where the city sends the answer and, if approved, your key.',
        type: 'email',
        autocomplete: 'email',
        required: true,
        state,
      })}
      ${textField({
        form: FORM,
        name: 'organization',
        label: 'Organization (optional)',
        autocomplete: 'organization',
        state,
      })}
      ${textArea({
        form: FORM,
        name: 'intendedUse',
        label: 'What will you do with the data?',
        hint: 'What you will build or study, and how. At least 20 characters.',
        rows: 5,
        required: true,
        state,
      })}
      ${
        input.datasets.length
          ? choices({
              form: FORM,
              name: 'datasets',
              label: 'Which datasets do you need? (optional)',
              type: 'checkbox',
              options: input.datasets.map((d) => ({ value: d.datasetId, label: d.title })),
              state,
            })
          : ''
      }
      ${choices({
        form: FORM,
        name: 'departments',
        label: 'Whose data do you need? (optional)',
        hint: 'The departments whose data you will read.',
        type: 'checkbox',
        options: DEPARTMENTS.map((d) => ({ value: d.id, label: d.name })),
        state,
      })}
      ${textField({
        form: FORM,
        name: 'expectedRequestsPerDay',
        label: 'About how many requests a day?',
        hint: 'A rough number, like 500.',
        type: 'number',
        inputmode: 'numeric',
        min: 1,
        required: true,
        state,
      })}
      ${choices({
        form: FORM,
        name: 'requestedTier',
        label: 'Usage plan',
        type: 'radio',
        options: tierOptions(),
        checked: ['basic'],
        required: true,
        state,
      })}
      ${terms()}
      ${choices({
        form: FORM,
        name: 'acceptTermsVersion',
        label: 'The terms of use',
        type: 'checkbox',
        options: [
          { value: API_TERMS.version, label: `I accept the terms of use (version ${API_TERMS.version})` },
        ],
        state,
      })}
      <div class="form-buttons">
        <button type="submit" class="button">Send the application</button>
      </div>
    </form>`;
}

export function apiKeyApplicationSentPage(input: { request: Pick<PageRequest, 'basePath'> }) {
  const { request } = input;
  return html`<div class="notice" role="status">
      <h1>Application sent</h1>
      <p>The city received your application for an API key.</p>
    </div>
    <h2>What happens next</h2>
    <ol>
      <li>
        We sent you an e-mail saying the city received your application. It has a private link where you can
        follow it: keep that e-mail.
      </li>
      <li>The office that owns the data you asked for looks at your application.</li>
      <li>
        You get an e-mail with the decision. If it is approved, the e-mail has a link to your key that works
        only once and not for long: open it soon, and keep the key secret.
      </li>
    </ol>
    <p>No e-mail within a few minutes? Look in your spam folder.</p>
    <p><a href="${pathOf(request, '/datasets')}">Browse the datasets</a></p>`;
}
