/**
 * Form fields, notices and badges, with the accessibility built in: every input
 * has a label, hints and errors are tied to it with aria-describedby, and the
 * error summary at the top of a form links to each field.
 */
import { html, type HtmlValue, type SafeHtml } from './html';
import { CSRF_FIELD } from './csrf';
import { words } from './format';

/** Problems with a form's fields, by field name (`reason`, `exemptions`…), plus general ones under ''. */
export type FieldErrors = Record<string, string>;

/** What a form shows again after a refused submission: its errors and what the person typed. */
export interface FormState {
  /** Which form on the page (several forms share the request detail page). */
  form: string;
  errors: FieldErrors;
  values: URLSearchParams;
}

export const fieldId = (form: string, name: string) => `${form}-${name}`;

export function csrfField(token: string): SafeHtml {
  return html`<input type="hidden" name="${CSRF_FIELD}" value="${token}" />`;
}

/** The error summary: first thing in the form, links to each field (the page's script focuses it). */
export function errorSummary(state: FormState | undefined, form: string): SafeHtml | '' {
  if (!state || state.form !== form || Object.keys(state.errors).length === 0) return '';
  const entries = Object.entries(state.errors);
  return html`<div class="error-summary" role="alert" aria-labelledby="${form}-error-title" tabindex="-1">
    <h2 id="${form}-error-title">There is a problem</h2>
    <ul>
      ${entries.map(([name, message]) =>
        name ? html`<li><a href="#${fieldId(form, name)}">${message}</a></li>` : html`<li>${message}</li>`,
      )}
    </ul>
  </div>`;
}

interface FieldBase {
  form: string;
  name: string;
  label: string;
  hint?: string;
  state?: FormState | undefined;
  required?: boolean;
}

function errorOf(field: FieldBase): string | undefined {
  return field.state?.form === field.form ? field.state.errors[field.name] : undefined;
}

function valueOf(field: FieldBase, fallback?: string): string {
  if (field.state?.form === field.form) return field.state.values.get(field.name) ?? '';
  return fallback ?? '';
}

function described(field: FieldBase, error: string | undefined): string | undefined {
  const ids = [
    field.hint ? `${fieldId(field.form, field.name)}-hint` : '',
    error ? `${fieldId(field.form, field.name)}-error` : '',
  ]
    .filter(Boolean)
    .join(' ');
  return ids || undefined;
}

function hintAndError(field: FieldBase, error: string | undefined): SafeHtml {
  const id = fieldId(field.form, field.name);
  return html`${field.hint ? html`<span class="hint" id="${id}-hint">${field.hint}</span>` : ''}${
    error ? html`<span class="error-message" id="${id}-error">Error: ${error}</span>` : ''
  }`;
}

export function textField(
  field: FieldBase & {
    type?: 'text' | 'email' | 'tel' | 'number' | 'password' | 'search' | 'datetime-local';
    value?: string;
    autocomplete?: string;
    inputmode?: string;
    min?: number;
    max?: number;
    pattern?: string;
    extra?: SafeHtml;
  },
): SafeHtml {
  const error = errorOf(field);
  const id = fieldId(field.form, field.name);
  const describedBy = described(field, error);
  return html`<div class="field${error ? ' field-error' : ''}">
    <label for="${id}">${field.label}</label>
    ${hintAndError(field, error)}
    <input
      type="${field.type ?? 'text'}"
      id="${id}"
      name="${field.name}"
      value="${valueOf(field, field.value)}"
      ${
        field.required ? html` required` : ''
      }${field.autocomplete ? html` autocomplete="${field.autocomplete}"` : ''}${
        field.inputmode ? html` inputmode="${field.inputmode}"` : ''
      }${field.min !== undefined ? html` min="${field.min}"` : ''}${field.max !== undefined ? html` max="${field.max}"` : ''}${
        field.pattern ? html` pattern="${field.pattern}"` : ''
      }${describedBy ? html` aria-describedby="${describedBy}"` : ''}${error ? html` aria-invalid="true"` : ''}
    />
    ${field.extra ?? ''}
  </div>`;
}

export function textArea(field: FieldBase & { value?: string; rows?: number }): SafeHtml {
  const error = errorOf(field);
  const id = fieldId(field.form, field.name);
  const describedBy = described(field, error);
  return html`<div class="field${error ? ' field-error' : ''}">
    <label for="${id}">${field.label}</label>
    ${hintAndError(field, error)}
    <textarea
      id="${id}"
      name="${field.name}"
      rows="${field.rows ?? 4}"
      ${field.required ? html` required` : ''}${
        describedBy ? html` aria-describedby="${describedBy}"` : ''
      }${error ? html` aria-invalid="true"` : ''}
    >
${valueOf(field, field.value)}</textarea>
  </div>`;
}

export interface Option {
  value: string;
  label: string;
  hint?: string;
}

export function selectField(
  field: FieldBase & { options: Option[]; value?: string; blank?: string },
): SafeHtml {
  const error = errorOf(field);
  const id = fieldId(field.form, field.name);
  const selected = valueOf(field, field.value);
  const describedBy = described(field, error);
  return html`<div class="field${error ? ' field-error' : ''}">
    <label for="${id}">${field.label}</label>
    ${hintAndError(field, error)}
    <select
      id="${id}"
      name="${field.name}"
      ${field.required ? html` required` : ''}${
        describedBy ? html` aria-describedby="${describedBy}"` : ''
      }${error ? html` aria-invalid="true"` : ''}
    >
      ${field.blank !== undefined ? html`<option value="">${field.blank}</option>` : ''}
      ${field.options.map(
        (o) =>
          html`<option value="${o.value}" ${o.value === selected ? html` selected` : ''}>${o.label}</option>`,
      )}
    </select>
  </div>`;
}

/** Radios or checkboxes in a fieldset whose legend is the question. */
export function choices(
  field: FieldBase & {
    type: 'radio' | 'checkbox';
    options: Option[];
    /** Checked values when the form is shown fresh. */
    checked?: string[];
    /** A filter box (the page's script shows it) for long lists. */
    filter?: boolean;
  },
): SafeHtml {
  const error = errorOf(field);
  const id = fieldId(field.form, field.name);
  const checked =
    field.state?.form === field.form ? field.state.values.getAll(field.name) : (field.checked ?? []);
  const describedBy = described(field, error);
  const list = html`${field.options.map((o, i) => {
    const optionId = `${id}-${i}`;
    return html`<div class="choice">
      <input
        type="${field.type}"
        id="${optionId}"
        name="${field.name}"
        value="${o.value}"
        ${
          checked.includes(o.value) ? html` checked` : ''
        }${field.required && field.type === 'radio' ? html` required` : ''}${
          o.hint ? html` aria-describedby="${optionId}-hint"` : ''
        }
      />
      <label for="${optionId}"
        >${o.label}${o.hint ? html`<span class="hint" id="${optionId}-hint">${o.hint}</span>` : ''}</label
      >
    </div>`;
  })}`;
  return html`<div class="field${error ? ' field-error' : ''}">
    <fieldset
      id="${id}"
      ${describedBy ? html` aria-describedby="${describedBy}"` : ''}${
        // The error summary's link lands here: focusable, so the legend and the error are read out.
        error ? html` tabindex="-1"` : ''
      }
    >
      <legend>${field.label}</legend>
      ${hintAndError(field, error)}
      ${
        field.filter
          ? html`<label for="${id}-filter" hidden>Filter the list</label>
              <input
                type="search"
                id="${id}-filter"
                data-filter-for="${id}-list"
                hidden
                autocomplete="off"
              />`
          : ''
      }
      <div id="${id}-list" ${field.filter ? html` class="choice-list"` : ''}>${list}</div>
    </fieldset>
  </div>`;
}

/**
 * A wide table in its own sideways scroller, so a phone scrolls the table and not the page
 * (WCAG 1.4.10); a named, focusable region so the keyboard can scroll it too (WCAG 2.1.1).
 */
export function scrollingTable(label: string, table: SafeHtml): SafeHtml {
  return html`<div class="table-wrap" role="region" aria-label="${label}" tabindex="0">${table}</div>`;
}

/**
 * A table with a caption (hidden unless `visible`) and column headers, in its own scroller;
 * each row is its cells. With `rowHeaders`, a row's first cell names the row (`th scope=row`).
 */
export function dataTable(input: {
  caption: string;
  visible?: boolean;
  id?: string;
  headers: string[];
  rows: HtmlValue[][];
  rowHeaders?: boolean;
}): SafeHtml {
  return scrollingTable(
    input.caption,
    html`<table ${input.id ? html` id="${input.id}"` : ''}>
      <caption ${input.visible ? '' : html` class="visually-hidden"`}>
        ${input.caption}
      </caption>
      <thead>
        <tr>
          ${input.headers.map((h) => html`<th scope="col">${h}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${input.rows.map(
          ([first, ...rest]) =>
            html`<tr>
              ${input.rowHeaders ? html`<th scope="row">${first}</th>` : html`<td>${first}</td>`}
              ${rest.map((c) => html`<td>${c}</td>`)}
            </tr>`,
        )}
      </tbody>
    </table>`,
  );
}

/** A status message in a live region: screen readers announce it when the page loads or changes it. */
export function notice(message: HtmlValue, tone: 'ok' | 'warn' | 'bad' = 'ok'): SafeHtml {
  return html`<div
    class="notice${tone === 'ok' ? '' : ` ${tone}`}"
    role="${tone === 'bad' ? 'alert' : 'status'}"
  >
    ${message}
  </div>`;
}

const STATUS_TONE: Record<string, 'ok' | 'warn' | 'bad' | ''> = {
  received: 'warn',
  acknowledged: '',
  'in-progress': '',
  'awaiting-requester': 'warn',
  fulfilled: 'ok',
  'partially-fulfilled': 'ok',
  denied: 'bad',
  withdrawn: '',
  'no-records': '',
  blocked: 'bad',
  clear: 'ok',
  released: 'ok',
  scanning: 'warn',
  'awaiting-upload': 'warn',
};

export function badge(code: string, label = words(code)): SafeHtml {
  const tone = STATUS_TONE[code] ?? '';
  return html`<span class="badge${tone ? ` ${tone}` : ''}">${label}</span>`;
}
