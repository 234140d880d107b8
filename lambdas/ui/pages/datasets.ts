/**
 * The datasets a person manages, and the form that registers one. Forms post to
 * lambdas/ui/datasets-controller.ts, which calls the publishing use cases.
 */
import { PERSONAL_DATA_PATTERNS } from '../../domain/personal-data';
import type { VersionState } from '../../domain/datasets/versions';
import {
  choices,
  csrfField,
  dataTable,
  errorSummary,
  selectField,
  textArea,
  textField,
  type FormState,
  type Option,
} from '../components';
import { departmentName, formatDateTime, words } from '../format';
import { html, type SafeHtml } from '../html';
import { pathOf, type PageRequest } from '../http';

export const datasetPath = (datasetId: string) => `/admin/datasets/${encodeURIComponent(datasetId)}`;
export const versionPath = (datasetId: string, version: number) =>
  `${datasetPath(datasetId)}/versions/${version}`;

const STATE_TONE: Record<VersionState | 'draft' | 'unpublished', 'ok' | 'warn' | 'bad' | ''> = {
  'awaiting-upload': 'warn',
  ingesting: 'warn',
  failed: 'bad',
  quarantined: 'bad',
  ready: 'ok',
  published: 'ok',
  withdrawn: '',
  draft: '',
  unpublished: 'warn',
};

/** A version's or dataset's state as a badge (the text says it; the colour only repeats it). */
export function stateBadge(state: string): SafeHtml {
  const tone = STATE_TONE[state as VersionState] ?? '';
  return html`<span class="badge${tone ? ` ${tone}` : ''}">${words(state)}</span>`;
}

/** `phone-number` → `Phone number` (the gate's own titles). */
export function patternTitle(pattern: string): string {
  return PERSONAL_DATA_PATTERNS.find((p) => p.pattern === pattern)?.title ?? words(pattern);
}

/** How often the dataset is updated, in words, as the register form offers it. */
export const UPDATE_FREQUENCIES: Option[] = [
  { value: 'R/P1D', label: 'Daily' },
  { value: 'R/P1W', label: 'Weekly' },
  { value: 'R/P1M', label: 'Monthly' },
  { value: 'R/P3M', label: 'Quarterly' },
  { value: 'R/P1Y', label: 'Yearly' },
  { value: 'irregular', label: 'Irregularly' },
];

export const LICENSES: Option[] = [
  { value: 'https://creativecommons.org/publicdomain/zero/1.0/', label: 'Public domain (CC0 1.0)' },
  { value: 'https://opendatacommons.org/licenses/pddl/1-0/', label: 'Public domain (ODC PDDL 1.0)' },
  { value: 'https://creativecommons.org/licenses/by/4.0/', label: 'Attribution (CC BY 4.0)' },
];

const ACCESS_LEVELS: Option[] = [
  { value: 'public', label: 'Public', hint: 'Listed in the catalog and readable by anyone once published.' },
  {
    value: 'restricted public',
    label: 'Restricted public',
    hint: 'Described in the catalog, rows not served by the API.',
  },
  { value: 'non-public', label: 'Not public', hint: 'Kept for city use only.' },
];

export interface DatasetListItem {
  datasetId: string;
  title: string;
  ownerDepartment: string;
  status: string;
  accessLevel: string;
  currentVersion: number;
  latestVersion: number;
  modifiedAt: string;
  /** The newest version's state; absent while no file was ever uploaded. */
  latestState?: string | undefined;
}

export interface QuarantinedItem {
  datasetId: string;
  title: string;
  version: number;
  fileName: string;
  createdAt: string;
  openFindings: number;
}

export interface DatasetListInput {
  request: Pick<PageRequest, 'basePath'>;
  /** The department shown, or 'all' (City IT). */
  department: string;
  /** The departments this person may manage (more than one: City IT). */
  departments: Option[];
  datasets: DatasetListItem[];
  nextCursor?: string | undefined;
  /** All departments at once: those with more datasets than shown. */
  moreIn?: string[];
  quarantined: QuarantinedItem[];
  notice?: SafeHtml | undefined;
}

export function datasetListPage(input: DatasetListInput): SafeHtml {
  const { request } = input;
  const all = input.department === 'all';
  return html`<h1>Datasets</h1>
    ${input.notice ?? ''}
    <p><a class="button" href="${pathOf(request, '/admin/datasets/new')}">Register a dataset</a></p>
    <section aria-labelledby="quarantined">
      <h2 id="quarantined">Quarantined by the personal-data gate</h2>
      ${
        input.quarantined.length
          ? html`<p class="hint">
                These uploads hold personal data. Record a decision per column, or upload a cleaned file.
              </p>
              <ul>
                ${input.quarantined.map(
                  (q) =>
                    html`<li>
                      <a href="${pathOf(request, versionPath(q.datasetId, q.version))}"
                        >${q.title}, version ${q.version}</a
                      >
                      (${q.fileName}, uploaded ${formatDateTime(q.createdAt)}): ${q.openFindings}
                      finding${q.openFindings === 1 ? '' : 's'} to decide
                    </li>`,
                )}
              </ul>`
          : html`<p>No upload of yours is waiting on the personal-data gate.</p>`
      }
    </section>
    <section aria-labelledby="list-title">
      <h2 id="list-title">${all ? 'All departments' : departmentName(input.department)}</h2>
      ${
        input.departments.length > 1
          ? html`<form method="get" action="${pathOf(request, '/admin/datasets')}" class="inline-form">
              ${selectField({
                form: 'filter',
                name: 'department',
                label: 'Department',
                options: [{ value: 'all', label: 'All departments' }, ...input.departments],
                value: input.department,
              })}
              <button type="submit">Show</button>
            </form>`
          : ''
      }
      ${
        input.datasets.length
          ? dataTable({
              caption: 'Datasets, by id',
              headers: [
                'Dataset',
                ...(all ? ['Department'] : []),
                'Status',
                'Current version',
                'Latest upload',
                'Changed',
              ],
              rows: input.datasets.map((d) => [
                html`<a href="${pathOf(request, datasetPath(d.datasetId))}">${d.title}</a><br /><span
                    class="hint"
                    >${d.datasetId}</span
                  >`,
                ...(all ? [departmentName(d.ownerDepartment)] : []),
                stateBadge(d.status),
                d.status === 'published' ? d.currentVersion : 'None',
                d.latestVersion && d.latestState
                  ? html`<a href="${pathOf(request, versionPath(d.datasetId, d.latestVersion))}"
                        >Version ${d.latestVersion}</a
                      >
                      ${stateBadge(d.latestState)}`
                  : 'No file yet',
                formatDateTime(d.modifiedAt),
              ]),
            })
          : html`<p>No datasets are registered ${all ? '' : 'for this department '}yet.</p>`
      }
      ${
        input.moreIn?.length
          ? html`<p class="pager">
              More datasets in:
              ${input.moreIn.map(
                (d, i) =>
                  html`${i ? ', ' : ''}<a
                      href="${pathOf(request, `/admin/datasets?department=${encodeURIComponent(d)}`)}"
                      >${departmentName(d)}</a
                    >`,
              )}
            </p>`
          : ''
      }
      ${
        input.nextCursor
          ? html`<p class="pager">
              <a
                href="${pathOf(
                  request,
                  `/admin/datasets?department=${encodeURIComponent(input.department)}&cursor=${encodeURIComponent(input.nextCursor)}`,
                )}"
                >More datasets</a
              >
            </p>`
          : ''
      }
    </section>`;
}

export interface RegisterInput {
  request: Pick<PageRequest, 'basePath'>;
  csrf: string;
  departments: Option[];
  defaults: { ownerDepartment: string; contactName: string; contactEmail: string };
  form?: FormState | undefined;
}

export function registerDatasetPage(input: RegisterInput): SafeHtml {
  const { request, form, defaults } = input;
  const f = 'register';
  return html`<p><a href="${pathOf(request, '/admin/datasets')}">Back to the datasets</a></p>
    <h1>Register a dataset</h1>
    <p class="lead">
      The dataset stays a draft, invisible to the public, until you upload a file and publish a version.
    </p>
    <form method="post" action="${pathOf(request, '/admin/datasets/new')}" id="${f}" novalidate>
      ${errorSummary(form, f)} ${csrfField(input.csrf)}
      ${textField({
        form: f,
        name: 'datasetId',
        label: 'Dataset id',
        hint: 'Part of its web address: 3-64 lowercase letters, digits and hyphens, e.g. snow-complaints. It cannot change later.',
        state: form,
        required: true,
        autocomplete: 'off',
      })}
      ${textField({ form: f, name: 'title', label: 'Title', state: form, required: true })}
      ${textArea({
        form: f,
        name: 'description',
        label: 'Description',
        hint: 'What a row is, where the data comes from, what it leaves out.',
        state: form,
        required: true,
      })}
      ${textField({
        form: f,
        name: 'keywords',
        label: 'Keywords',
        hint: 'Separated by commas, e.g. roads, snow, complaints.',
        state: form,
        required: true,
      })}
      ${selectField({
        form: f,
        name: 'ownerDepartment',
        label: 'Owner department',
        options: input.departments,
        value: defaults.ownerDepartment,
        state: form,
        required: true,
      })}
      ${textField({
        form: f,
        name: 'contactName',
        label: 'Contact name',
        hint: 'A shared office name is best: people change, the office stays.',
        value: defaults.contactName,
        state: form,
        required: true,
      })}
      ${textField({
        form: f,
        name: 'contactEmail',
        label: 'Contact e-mail',
        type: 'email',
        value: defaults.contactEmail,
        state: form,
        required: true,
      })}
      ${selectField({
        form: f,
        name: 'license',
        label: 'License',
        options: LICENSES,
        value: LICENSES[0]!.value,
        state: form,
        required: true,
      })}
      ${selectField({
        form: f,
        name: 'updateFrequency',
        label: 'Update frequency',
        options: UPDATE_FREQUENCIES,
        value: 'R/P1M',
        state: form,
        required: true,
      })}
      ${choices({
        form: f,
        name: 'accessLevel',
        label: 'Access level',
        type: 'radio',
        options: ACCESS_LEVELS,
        checked: ['public'],
        state: form,
        required: true,
      })}
      ${textField({
        form: f,
        name: 'primaryKey',
        label: 'Primary key column (optional)',
        hint: 'The column that names a row across versions, e.g. permit_number. Change lists use it; without it rows are matched by their content.',
        state: form,
        autocomplete: 'off',
      })}
      <button type="submit">Register the dataset</button>
    </form>`;
}
