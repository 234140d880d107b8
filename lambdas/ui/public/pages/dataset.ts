/**
 * A published dataset for residents: what it is, who owns it, what each column
 * means (the data dictionary, with the personal-data check), its versions, the
 * download, and for developers the API endpoints and how to get a key.
 */
import type { DatasetRecord } from '../../../domain/datasets/dataset';
import type { DataDictionary, DataDictionaryField } from '../../../domain/datasets/dictionary';
import type { DatasetVersion } from '../../../domain/datasets/versions';
import { dataTable } from '../../components';
import { departmentName, formatBytes, formatDateTime } from '../../format';
import { html, type HtmlValue } from '../../html';
import { pathOf, type PageRequest } from '../../http';
import { patternTitle } from '../../pages/datasets';

const PERIOD_WORDS: Record<string, [string, string]> = {
  D: ['day', 'days'],
  W: ['week', 'weeks'],
  M: ['month', 'months'],
  Y: ['year', 'years'],
};

/** An ISO 8601 repeating duration in words: `R/P1D` → "Every day", `R/P3M` → "Every 3 months". */
export function frequencyInWords(frequency: string): string {
  const m = /^R\/P(\d+)([DWMY])$/.exec(frequency);
  if (!m) return frequency === 'irregular' ? 'Irregularly' : frequency;
  const count = Number(m[1]);
  const [one, many] = PERIOD_WORDS[m[2]!]!;
  return count === 1 ? `Every ${one}` : `Every ${count} ${many}`;
}

/** The column types in plain words (the platform's words, as the rows API uses them). */
const TYPE_WORDS: Record<DataDictionaryField['platformType'], string> = {
  text: 'Text',
  integer: 'Whole number',
  number: 'Number',
  boolean: 'Yes or no',
  date: 'Date',
  datetime: 'Date and time',
};

export interface DatasetPageInput {
  request: Pick<PageRequest, 'basePath'>;
  /** `https://host` + base path: what the curl examples call. */
  baseUrl: string;
  dataset: DatasetRecord;
  dictionary: DataDictionary;
  /** Published and withdrawn versions, newest first. */
  versions: DatasetVersion[];
}

export function datasetPage(input: DatasetPageInput) {
  const { request, dataset, dictionary } = input;
  const id = dataset.datasetId;
  const download = pathOf(request, `/datasets/${id}/download`);
  const size = dataset.file?.sizeBytes ? `, ${formatBytes(dataset.file.sizeBytes)}` : '';
  return html`<p><a href="${pathOf(request, '/datasets')}">All datasets</a></p>
    <h1>${dataset.title}</h1>
    ${
      dataset.sampleData
        ? html`<p class="notice warn">Sample data for demonstration: this is not real city data.</p>`
        : ''
    }
    <p class="lead">${dataset.description}</p>
    <p>
      <a class="button" href="${download}" download
        >Download the data (CSV${size})<span class="visually-hidden">: ${dataset.title}</span></a
      >
    </p>
    <p class="hint">A spreadsheet file anyone may open. No account or API key is needed.</p>

    <h2>About this dataset</h2>
    <dl class="facts">
      <dt>Department</dt>
      <dd>${departmentName(dataset.ownerDepartment)}</dd>
      <dt>Contact</dt>
      <dd>${dataset.contactName}, <a href="mailto:${dataset.contactEmail}">${dataset.contactEmail}</a></dd>
      <dt>License</dt>
      <dd><a href="${dataset.license}">${dataset.license}</a></dd>
      <dt>Updated</dt>
      <dd>${frequencyInWords(dataset.updateFrequency)}</dd>
      <dt>Last updated</dt>
      <dd>${formatDateTime(dataset.modifiedAt)}</dd>
      <dt>Rows</dt>
      <dd>${dictionary.rowCount.toLocaleString('en-US')}</dd>
      <dt>Current version</dt>
      <dd>${dataset.currentVersion}</dd>
      ${
        dataset.keywords.length
          ? html`<dt>Topics</dt>
              <dd>${dataset.keywords.join(', ')}</dd>`
          : ''
      }
    </dl>

    <h2 id="dictionary">What each column means</h2>
    <p>
      Before publication the city checks every column for personal data (like Social Security numbers or dates
      of birth). A column marked “Cleared” had something that looked like personal data, and the city recorded
      why the values are public by law.
    </p>
    ${rowTable({
      id: 'dictionary',
      caption: `Columns of version ${dictionary.version}`,
      headers: ['Column', 'Type', 'Description', 'Personal-data check'],
      rows: dictionary.fields.map((f) => [
        html`${f.title}${f.title !== f.name ? html` <code>${f.name}</code>` : ''}`,
        TYPE_WORDS[f.platformType],
        f.description || html`<span class="hint">Not described yet</span>`,
        f.clearedInPersonalDataGate
          ? `Cleared: ${(f.personalDataDecisions ?? []).map((d) => `${patternTitle(d.pattern)} (${d.reason})`).join('; ')}`
          : 'Nothing found',
      ]),
    })}

    <h2>Versions</h2>
    ${rowTable({
      id: 'versions',
      caption: 'Versions, newest first',
      headers: ['Version', 'Published', 'Rows', 'File'],
      rows: input.versions.map((v) => [
        String(v.version),
        formatDateTime(v.publishedAt),
        (v.rowCount ?? 0).toLocaleString('en-US'),
        v.state === 'published'
          ? html`<a href="${download}?version=${v.version}"
              >Download version ${v.version}<span class="visually-hidden"> of ${dataset.title}</span></a
            >`
          : `Withdrawn ${formatDateTime(v.withdrawnAt)}`,
      ]),
    })}
    ${developerSection(input)}`;
}

/** A table whose first cell names its row, in a scroller a keyboard can reach on a phone. */
const rowTable = (input: { id: string; caption: string; headers: string[]; rows: HtmlValue[][] }) =>
  dataTable({ ...input, visible: true, rowHeaders: true });

function developerSection(input: DatasetPageInput) {
  const { request, baseUrl, dataset } = input;
  const api = `${baseUrl}/v1/datasets/${dataset.datasetId}`;
  return html`<h2>For developers: the API</h2>
    <p>Programs can read this dataset through the city's open data API.</p>
    <ul>
      <li><code>GET ${api}</code>: the description of the dataset (no key needed)</li>
      <li><code>GET ${api}/dictionary</code>: the columns (no key needed)</li>
      <li><code>GET ${api}/versions</code>: the versions (no key needed)</li>
      <li><code>GET ${api}/rows</code>: the rows, filtered and sorted, page by page (API key)</li>
      <li><code>GET ${api}/changes</code>: what changed between two versions (API key)</li>
      <li><code>GET ${api}/download</code>: the whole file (API key)</li>
    </ul>
    <p>For example, the first 10 rows:</p>
    <pre class="command"><code>curl -H "x-api-key: YOUR_KEY" "${api}/rows?limit=10"</code></pre>
    <p>
      The full description of the API is at <a href="${baseUrl}/openapi.json"><code>/openapi.json</code></a
      >.
    </p>
    <h3>How to get an API key</h3>
    <p>
      Apply with a short form: say who you are and what you will do with the data. The city answers by e-mail,
      and an approved key comes with a one-time link.
      <a href="${pathOf(request, '/api-keys')}">Read about API keys and apply</a>.
    </p>`;
}
