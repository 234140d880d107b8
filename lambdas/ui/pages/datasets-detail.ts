/**
 * One dataset (its metadata, versions and the upload form) and one version (its
 * ingestion, the personal-data findings per column with their decision forms,
 * the schema report, publish and withdraw). Findings name columns and row
 * numbers only: the values never reach this page.
 */
import type { AuditEvent } from '../../domain/audit';
import type { DatasetRecord } from '../../domain/datasets/dataset';
import type { ColumnDecision, DatasetVersion, PersonalDataFinding } from '../../domain/datasets/versions';
import {
  csrfField,
  dataTable,
  errorSummary,
  selectField,
  textArea,
  textField,
  type FormState,
} from '../components';
import { departmentName, formatBytes, formatDateTime, words } from '../format';
import { html, type SafeHtml } from '../html';
import { pathOf, type PageRequest } from '../http';
import { datasetPath, LICENSES, patternTitle, stateBadge, UPDATE_FREQUENCIES, versionPath } from './datasets';

/** What the no-script upload shows: the presigned PUT as a command. */
export interface DatasetUploadInstructions {
  fileName: string;
  url: string;
  version: number;
}

/** The findings of one column that still need a decision (the decision form covers them together). */
export interface ColumnToDecide {
  column: string;
  findings: PersonalDataFinding[];
}

/** Open findings grouped by column, in the report's order (one decision form per column). */
export function columnsToDecide(findings: readonly PersonalDataFinding[]): ColumnToDecide[] {
  const byColumn = new Map<string, PersonalDataFinding[]>();
  for (const f of findings) byColumn.set(f.column, [...(byColumn.get(f.column) ?? []), f]);
  return [...byColumn].map(([column, list]) => ({ column, findings: list }));
}

/** The decision that covers a finding, if any. */
export function decisionFor(
  finding: Pick<PersonalDataFinding, 'column' | 'pattern'>,
  decisions: readonly ColumnDecision[],
): ColumnDecision | undefined {
  return decisions.find((d) => d.column === finding.column && d.pattern === finding.pattern);
}

/** A form id for a column (columns may hold spaces and punctuation; ids may not). */
export function decisionFormId(index: number): string {
  return `decide-${index}`;
}

/** `[1, 2, 7]` → `1, 2, 7`; the gate keeps at most 5. */
export function sampleRowsText(rows: readonly number[], count: number): string {
  if (!rows.length) return '';
  return `${rows.join(', ')}${count > rows.length ? ', …' : ''}`;
}

const CHANGE_WORDS: Record<string, string> = {
  'column-removed': 'Dropped',
  'column-added': 'Added',
  'type-changed': 'Type changed',
};
const frequencyLabel = (value: string) => UPDATE_FREQUENCIES.find((f) => f.value === value)?.label ?? value;
const licenseLabel = (value: string) => LICENSES.find((l) => l.value === value)?.label ?? value;

// ---------------------------------------------------------------- the dataset

export interface DatasetPageInput {
  request: Pick<PageRequest, 'basePath'>;
  csrf: string;
  dataset: DatasetRecord;
  versions: DatasetVersion[];
  /** The dataset's audit trail, newest first. */
  history: AuditEvent[];
  notice?: SafeHtml | undefined;
  form?: FormState | undefined;
  upload?: DatasetUploadInstructions | undefined;
}

const HISTORY_WORDS: Record<string, string> = {
  'dataset.registered': 'Registered',
  'dataset-version.created': 'Upload started',
  'dataset-version.ingestion-started': 'Ingestion started',
  'dataset-version.ingested': 'Ingested',
  'dataset-version.ingestion-failed': 'Refused by ingestion',
  'dataset-version.ingestion-restarted': 'Ingestion restarted',
  'dataset-version.personal-data-decided': 'Personal data decided',
  'dataset-version.published': 'Published',
  'dataset-version.withdrawn': 'Withdrawn',
};

/** One audit event in a line: what, on which version, why (reasons and decided columns; never cell values). */
export function historyEntry(event: Pick<AuditEvent, 'action' | 'subject' | 'details'>): {
  what: string;
  version?: number;
  why: string;
} {
  const m = /\/(\d+)$/.exec(event.subject.id);
  const details = event.details as {
    reason?: unknown;
    fileName?: unknown;
    state?: unknown;
    decisions?: { column?: unknown; pattern?: unknown; reason?: unknown }[];
  };
  const why = Array.isArray(details.decisions)
    ? details.decisions
        .map((d) => `${String(d.column)} (${patternTitle(String(d.pattern))}): ${String(d.reason)}`)
        .join('; ')
    : typeof details.reason === 'string'
      ? details.reason
      : typeof details.fileName === 'string'
        ? details.fileName
        : typeof details.state === 'string'
          ? words(details.state)
          : '';
  return {
    what: HISTORY_WORDS[event.action] ?? words(event.action.replace(/^[a-z-]+\./, '')),
    ...(m ? { version: Number(m[1]) } : {}),
    why,
  };
}

const actorName = (actor: AuditEvent['actor']) => ('username' in actor ? actor.username : actor.system);

function history(input: DatasetPageInput): SafeHtml {
  if (!input.history.length) return html``;
  return html`<section aria-labelledby="history-title">
    <h2 id="history-title">History</h2>
    ${dataTable({
      id: 'history',
      caption: 'What was done to this dataset, newest first',
      headers: ['When', 'Who', 'What', 'Version', 'Details'],
      rows: input.history.map((e) => {
        const entry = historyEntry(e);
        return [
          html`<time datetime="${e.at}">${formatDateTime(e.at)}</time>`,
          actorName(e.actor),
          entry.what,
          entry.version ?? '',
          entry.why,
        ];
      }),
    })}
  </section>`;
}

function uploadInstructions(
  request: Pick<PageRequest, 'basePath'>,
  dataset: DatasetRecord,
  upload: DatasetUploadInstructions,
): SafeHtml {
  const command = `curl -X PUT --upload-file '${upload.fileName.replace(/'/g, '')}' '${upload.url}'`;
  return html`<section class="panel" aria-labelledby="upload-now">
    <h2 id="upload-now">Upload ${upload.fileName} now</h2>
    <p>The link works for one hour. From the folder with the file, run:</p>
    <pre class="command">${command}</pre>
    <p>
      Then open
      <a href="${pathOf(request, versionPath(dataset.datasetId, upload.version))}"
        >version ${upload.version}</a
      >: it shows the ingestion and the personal-data scan once the file has landed.
    </p>
  </section>`;
}

function uploadForm(input: DatasetPageInput): SafeHtml {
  const { request, form, dataset, versions } = input;
  const f = 'upload';
  const previous = versions.find((v) => v.state === 'published') ?? versions[0];
  return html`<form
    class="panel"
    method="post"
    action="${pathOf(request, `${datasetPath(dataset.datasetId)}/versions`)}"
    id="${f}"
    novalidate
    data-upload
    data-status="upload-status"
  >
    ${errorSummary(form, f)}
    <h2 id="upload-title">Upload a new version</h2>
    <p class="hint">
      A CSV file with a header row. It is read as soon as it lands: column types, then the personal-data scan.
      Nothing is public until you publish the version.
    </p>
    ${csrfField(input.csrf)}
    <input type="hidden" name="contentType" value="text/csv" />
    <div data-picker hidden>
      <div class="field">
        <label for="upload-file">CSV file</label>
        <input type="file" id="upload-file" name="file" accept=".csv,text/csv" />
      </div>
      <progress max="100" value="0" hidden>0 %</progress>
    </div>
    <div data-manual>
      <p class="hint">
        Without the page's script: give the file's name and size, then upload it with the command shown.
      </p>
      ${textField({ form: f, name: 'fileName', label: 'File name', hint: 'For example snow-complaints.csv', state: form, required: true })}
      ${textField({ form: f, name: 'sizeBytes', label: 'Size in bytes', type: 'number', min: 1, inputmode: 'numeric', state: form, required: true })}
    </div>
    ${textField({
      form: f,
      name: 'sortable',
      label: 'Sortable columns (optional)',
      hint: 'Up to 5 column field names, separated by commas, that API users may order rows by, e.g. received_date.',
      value: (previous?.sortable ?? []).join(', '),
      state: form,
    })}
    <div class="field${form?.form === f && form.errors.acceptBreakingChange ? ' field-error' : ''}">
      <div class="choice">
        <input
          type="checkbox"
          id="upload-acceptBreakingChange"
          name="acceptBreakingChange"
          value="yes"
          aria-describedby="upload-acceptBreakingChange-hint"
          ${form?.form === f && form.values.get('acceptBreakingChange') === 'yes' ? html` checked` : ''}
        />
        <label for="upload-acceptBreakingChange"
          >Accept a breaking change<span class="hint" id="upload-acceptBreakingChange-hint"
            >Tick only when columns are meant to be dropped or change type: API users' programs may
            break.</span
          ></label
        >
      </div>
    </div>
    <p id="upload-status" role="status" aria-live="polite"></p>
    <button type="submit">Upload</button>
  </form>`;
}

function versionsTable(
  request: Pick<PageRequest, 'basePath'>,
  dataset: DatasetRecord,
  versions: DatasetVersion[],
): SafeHtml {
  if (!versions.length) return html`<p>No file was uploaded yet.</p>`;
  return dataTable({
    caption: 'Versions, newest first',
    headers: ['Version', 'State', 'File', 'Rows', 'Uploaded', 'By'],
    rows: [...versions]
      .sort((a, b) => b.version - a.version)
      .map((v) => [
        html`<a href="${pathOf(request, versionPath(dataset.datasetId, v.version))}">Version ${v.version}</a
          >${dataset.status === 'published' && dataset.currentVersion === v.version ? ' (current)' : ''}`,
        stateBadge(v.state),
        v.fileName,
        v.rowCount ?? '',
        html`<time datetime="${v.createdAt}">${formatDateTime(v.createdAt)}</time>`,
        v.createdBy,
      ]),
  });
}

export function datasetPage(input: DatasetPageInput): SafeHtml {
  const { request, dataset } = input;
  return html`<p><a href="${pathOf(request, '/admin/datasets')}">Back to the datasets</a></p>
    <h1>${dataset.title} ${stateBadge(dataset.status)}</h1>
    <div id="status-messages" aria-live="polite">${input.notice ?? ''}</div>
    ${input.upload ? uploadInstructions(request, dataset, input.upload) : ''}
    <section class="panel" aria-labelledby="about-title">
      <h2 id="about-title">About</h2>
      <dl class="facts" id="dataset-facts">
        <dt>Dataset id</dt>
        <dd>${dataset.datasetId}</dd>
        <dt>Owner</dt>
        <dd>${departmentName(dataset.ownerDepartment)}</dd>
        <dt>Contact</dt>
        <dd>${dataset.contactName} · ${dataset.contactEmail}</dd>
        <dt>Access level</dt>
        <dd>${dataset.accessLevel}</dd>
        <dt>License</dt>
        <dd>${licenseLabel(dataset.license)}</dd>
        <dt>Updated</dt>
        <dd>${frequencyLabel(dataset.updateFrequency)}</dd>
        <dt>Keywords</dt>
        <dd>${dataset.keywords.join(', ')}</dd>
        ${
          dataset.primaryKey
            ? html`<dt>Primary key</dt>
                <dd>${dataset.primaryKey}</dd>`
            : ''
        }
        <dt>Current version</dt>
        <dd>
          ${
            dataset.status === 'published'
              ? html`Version ${dataset.currentVersion}, ${dataset.rowCount} rows:
                  <a href="${pathOf(request, `/datasets/${encodeURIComponent(dataset.datasetId)}`)}"
                    >its public page</a
                  >,
                  <a href="${pathOf(request, `/v1/datasets/${encodeURIComponent(dataset.datasetId)}`)}"
                    >in the API</a
                  >`
              : 'None published'
          }
        </dd>
        <dt>Registered</dt>
        <dd>${formatDateTime(dataset.createdAt)}${dataset.createdBy ? ` by ${dataset.createdBy}` : ''}</dd>
        <dt>Changed</dt>
        <dd>${formatDateTime(dataset.modifiedAt)}</dd>
      </dl>
    </section>
    <section aria-labelledby="versions-title">
      <h2 id="versions-title">Versions</h2>
      ${versionsTable(request, dataset, input.versions)}
    </section>
    ${uploadForm(input)} ${history(input)}`;
}

// ---------------------------------------------------------------- one version

export interface VersionPageInput {
  request: Pick<PageRequest, 'basePath'>;
  csrf: string;
  dataset: DatasetRecord;
  version: DatasetVersion;
  /** Every version of the dataset (the rollback choices). */
  versions: DatasetVersion[];
  /** Open findings (no decision covers them), as the use cases compute them. */
  uncovered: PersonalDataFinding[];
  /** A run still "ingesting" past the ingestion Lambda's limit: it died and may be restarted. */
  stuck: boolean;
  /** When a run still ingesting may be called stuck. */
  stuckAfter?: string | undefined;
  notice?: SafeHtml | undefined;
  form?: FormState | undefined;
}

const STATE_TEXT: Record<DatasetVersion['state'], string> = {
  'awaiting-upload': 'Waiting for the file. The scan starts as soon as the upload lands.',
  ingesting: 'The file is being read: column types, the personal-data scan, row pages.',
  failed: 'The file was refused: see the problems below. Fix the file and upload it again.',
  quarantined:
    'Personal data was found. It cannot be published until each finding is decided below, or a cleaned file is uploaded as a new version.',
  ready: 'Ready to publish.',
  published: 'Published: the public can read it.',
  withdrawn: 'Withdrawn: the public can no longer read it.',
};

function ingestion(input: VersionPageInput): SafeHtml {
  const { request, dataset, version } = input;
  const path = pathOf(request, versionPath(dataset.datasetId, version.version));
  const waiting = version.state === 'awaiting-upload' || version.state === 'ingesting';
  return html`<section class="panel" aria-labelledby="ingestion-title">
    <h2 id="ingestion-title">Ingestion</h2>
    <p id="version-state">${STATE_TEXT[version.state]}</p>
    ${waiting ? html`<p><a href="${path}" class="button secondary">Check again</a></p>` : ''}
    ${
      version.state === 'ingesting' && !input.stuck && input.stuckAfter
        ? html`<p class="hint">
            If it is still ingesting after ${formatDateTime(input.stuckAfter)}, the run died and can be
            restarted here.
          </p>`
        : ''
    }
    ${
      input.stuck
        ? html`<form method="post" action="${path}/retry-ingestion">
            ${csrfField(input.csrf)}
            <p>The run has gone past the time limit without finishing.</p>
            <button type="submit">Restart the ingestion</button>
          </form>`
        : ''
    }
    <dl class="facts" id="version-facts">
      <dt>File</dt>
      <dd>
        ${version.fileName}${version.sizeBytes !== undefined ? ` · ${formatBytes(version.sizeBytes)}` : ''}
      </dd>
      <dt>Uploaded</dt>
      <dd>${formatDateTime(version.createdAt)} by ${version.createdBy}</dd>
      ${
        version.rowCount !== undefined
          ? html`<dt>Rows</dt>
              <dd>${version.rowCount}</dd>`
          : ''
      }
      ${
        version.ingestedAt
          ? html`<dt>Read</dt>
              <dd>${formatDateTime(version.ingestedAt)}</dd>`
          : ''
      }
      ${
        version.contentSha256
          ? html`<dt>SHA-256</dt>
              <dd><code>${version.contentSha256}</code></dd>`
          : ''
      }
      ${
        version.sortable.length
          ? html`<dt>Sortable by</dt>
              <dd>${version.sortable.join(', ')}</dd>`
          : ''
      }
      ${
        version.publishedAt
          ? html`<dt>Published</dt>
              <dd>
                ${formatDateTime(version.publishedAt)}${version.publishedBy ? ` by ${version.publishedBy}` : ''}
              </dd>`
          : ''
      }
      ${
        version.withdrawnAt
          ? html`<dt>Withdrawn</dt>
              <dd>
                ${formatDateTime(version.withdrawnAt)}${version.withdrawnBy ? ` by ${version.withdrawnBy}` : ''}:
                ${version.withdrawReason ?? ''}
              </dd>`
          : ''
      }
    </dl>
  </section>`;
}

function problems(input: VersionPageInput): SafeHtml | '' {
  const { version, dataset, request } = input;
  const list = version.problems ?? [];
  const changes = version.schemaChanges ?? [];
  if (!list.length && !changes.length) return '';
  const breaking = changes.some((c) => c.breaking);
  return html`<section class="panel" aria-labelledby="problems-title">
    <h2 id="problems-title">Problems and schema changes</h2>
    ${
      list.length
        ? html`<ul id="version-problems">
            ${list.map(
              (p) =>
                html`<li>
                  ${p.message}${p.count !== undefined ? ` (${p.count})` : ''}${
                    p.sampleRows?.length ? `; rows ${sampleRowsText(p.sampleRows, p.count ?? 0)}` : ''
                  }
                </li>`,
            )}
          </ul>`
        : ''
    }
    ${
      changes.length
        ? html`${dataTable({
            id: 'schema-changes',
            caption: 'Changes from the schema the dataset holds',
            visible: true,
            headers: ['Column', 'Change', 'Breaking'],
            rows: changes.map((c) => [
              c.field,
              `${CHANGE_WORDS[c.kind]}${c.from || c.to ? ` (${c.from ?? '—'} → ${c.to ?? '—'})` : ''}`,
              c.breaking ? 'Yes' : 'No',
            ]),
          })}
          ${
            breaking && version.state === 'failed'
              ? html`<p>
                  If the change is intended, upload the file again with
                  <a href="${pathOf(request, `${datasetPath(dataset.datasetId)}#upload`)}"
                    >“Accept a breaking change”</a
                  >
                  ticked.
                </p>`
              : ''
          }`
        : ''
    }
  </section>`;
}

function findings(input: VersionPageInput): SafeHtml | '' {
  const { version, request, dataset, form } = input;
  const all = version.findings ?? [];
  if (!all.length) {
    return version.rowCount !== undefined
      ? html`<section class="panel" aria-labelledby="findings-title">
          <h2 id="findings-title">Personal data</h2>
          <p>The scan found no personal data.</p>
        </section>`
      : '';
  }
  const decidable = version.state === 'quarantined' || version.state === 'ready';
  const path = pathOf(request, versionPath(dataset.datasetId, version.version));
  return html`<section class="panel" aria-labelledby="findings-title">
    <h2 id="findings-title">Personal data found</h2>
    <p class="hint">
      Columns, kinds and row numbers (1 is the first row after the header); never the values.
    </p>
    ${dataTable({
      id: 'findings',
      caption: 'Personal-data findings per column',
      headers: ['Column', 'Kind', 'Cells', 'Sample rows', 'Decision'],
      rows: all.map((f) => {
        const decision = decisionFor(f, version.decisions);
        return [
          f.column,
          patternTitle(f.pattern),
          f.count,
          sampleRowsText(f.sampleRows, f.count),
          decision
            ? html`Public by law: ${decision.reason}
                <span class="hint">${decision.decidedBy}, ${formatDateTime(decision.decidedAt)}</span>`
            : html`<span class="badge bad">Open</span>`,
        ];
      }),
    })}
    ${
      decidable
        ? columnsToDecide(input.uncovered).map((c, i) => {
            const id = decisionFormId(i);
            return html`<form method="post" action="${path}/decisions" id="${id}" class="panel" novalidate>
              ${errorSummary(form?.form === id ? form : undefined, id)}
              <h3 id="${id}-title">Column “${c.column}”</h3>
              ${csrfField(input.csrf)}
              <input type="hidden" name="formId" value="${id}" />
              <input type="hidden" name="column" value="${c.column}" />
              ${c.findings.map((f) => html`<input type="hidden" name="pattern" value="${f.pattern}" />`)}
              <p>
                ${c.findings.map((f) => patternTitle(f.pattern)).join(', ')}: if the law makes this column
                public as it is, say why. Otherwise upload a cleaned file as a new version.
              </p>
              ${textArea({
                form: id,
                name: 'reason',
                label: `Why “${c.column}” is public by law`,
                hint: 'The statute or record type, e.g. “Business contact numbers, public under C.G.S. 1-210”.',
                state: form,
                rows: 2,
                required: true,
              })}
              <button type="submit">Record: public by law</button>
            </form>`;
          })
        : ''
    }
  </section>`;
}

/** The version states whose columns the owner may describe (the use case decides; this only hides the form). */
const DESCRIBABLE = new Set(['quarantined', 'ready', 'published']);

function columns(input: VersionPageInput): SafeHtml | '' {
  const { request, dataset, version, form } = input;
  if (!version.columns?.length) return '';
  const path = pathOf(request, versionPath(dataset.datasetId, version.version));
  const f = 'describe';
  return html`<section class="panel" aria-labelledby="columns-title">
    <h2 id="columns-title">Columns</h2>
    ${dataTable({
      caption: 'Columns of this version',
      headers: ['Field', 'Header', 'Type', 'Sortable', 'Description'],
      rows: version.columns.map((c) => [
        c.field,
        c.title,
        c.type,
        c.sortable ? 'Yes' : 'No',
        c.description || html`<span class="hint">Not described yet</span>`,
      ]),
    })}
    ${
      DESCRIBABLE.has(version.state)
        ? html`<form method="post" action="${path}/column-descriptions" id="${f}" novalidate>
            ${errorSummary(form?.form === f ? form : undefined, f)}
            <h3>Describe the columns</h3>
            <p class="hint">
              What each column holds, in plain words (units, codes, where it comes from): the data dictionary
              shows it to the public, and the next version keeps it.
            </p>
            ${csrfField(input.csrf)}
            ${version.columns.map(
              (c, i) =>
                html`<input type="hidden" name="field-${i}" value="${c.field}" />${textField({
                    form: f,
                    name: `description-${i}`,
                    label: `“${c.field}”`,
                    value: c.description,
                    state: form?.form === f ? form : undefined,
                  })}`,
            )}
            <button type="submit">Save the descriptions</button>
          </form>`
        : ''
    }
  </section>`;
}

function publishing(input: VersionPageInput): SafeHtml | '' {
  const { request, dataset, version, versions, form } = input;
  const path = pathOf(request, versionPath(dataset.datasetId, version.version));
  const current = dataset.status === 'published' && dataset.currentVersion === version.version;
  const canPublish = version.state === 'ready' || (version.state === 'published' && !current);
  if (!canPublish && version.state !== 'published') return '';
  const others = versions
    .filter((v) => v.state === 'published' && v.version !== version.version)
    .sort((a, b) => b.version - a.version);
  const f = 'withdraw';
  return html`<section class="panel" aria-labelledby="publishing-title">
    <h2 id="publishing-title">Publishing</h2>
    ${
      canPublish
        ? html`<form
            method="post"
            action="${path}/publish"
            data-confirm="Publish version ${version.version}? The public will read it at once."
          >
            ${csrfField(input.csrf)}
            <p>
              ${
                version.state === 'published'
                  ? `Version ${version.version} is published but not current: make it the version the public reads by default (roll back to it).`
                  : `Publishing makes version ${version.version} the one the public reads; it is recorded in the audit trail.`
              }
            </p>
            <button type="submit">${version.state === 'published' ? 'Make it current' : 'Publish'}</button>
          </form>`
        : ''
    }
    ${
      version.state === 'published'
        ? html`<form
            method="post"
            action="${path}/withdraw"
            id="${f}"
            novalidate
            data-confirm="Withdraw version ${version.version}? The public loses it at once."
          >
            ${errorSummary(form, f)}
            <h3>Withdraw (unpublish or roll back)</h3>
            <p>
              For personal data found after publication, or a wrong file: the public loses this version at
              once.
              ${
                current
                  ? others.length
                    ? 'The dataset rolls back to the version you choose.'
                    : 'No other version is published: the dataset leaves the catalog.'
                  : ''
              }
            </p>
            ${csrfField(input.csrf)}
            ${textArea({
              form: f,
              name: 'reason',
              label: 'Why',
              hint: 'Kept in the audit trail.',
              state: form,
              rows: 2,
              required: true,
            })}
            ${
              current && others.length
                ? selectField({
                    form: f,
                    name: 'rollbackTo',
                    label: 'Roll back to',
                    options: others.map((v) => ({
                      value: String(v.version),
                      label: `Version ${v.version} (${v.fileName}, published ${formatDateTime(v.publishedAt)})`,
                    })),
                    state: form,
                  })
                : ''
            }
            <button type="submit" class="danger">Withdraw version ${version.version}</button>
          </form>`
        : ''
    }
  </section>`;
}

export function versionPage(input: VersionPageInput): SafeHtml {
  const { request, dataset, version } = input;
  return html`<p>
      <a href="${pathOf(request, datasetPath(dataset.datasetId))}">Back to ${dataset.title}</a>
    </p>
    <h1>
      ${dataset.title}, version ${version.version}
      <span id="version-badge">${stateBadge(version.state)}</span>
    </h1>
    <div id="status-messages" aria-live="polite">${input.notice ?? ''}</div>
    ${ingestion(input)} ${problems(input)} ${findings(input)} ${publishing(input)} ${columns(input)}`;
}
