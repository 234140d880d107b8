/** The catalog page: a search form (keyword, department, tag, updated since) and a page of results. */
import type { DatasetRecord } from '../../../domain/datasets/dataset';
import { errorSummary, selectField, textField, type FieldErrors, type FormState } from '../../components';
import { DEPARTMENTS, departmentName, formatDateTime } from '../../format';
import { html } from '../../html';
import { pathOf, type PageRequest } from '../../http';

/** The search fields of the catalog, by the names `GET /v1/datasets` takes. */
export const CATALOG_FILTERS = ['keyword', 'department', 'tag', 'modifiedSince'] as const;
export type CatalogFilters = Partial<Record<(typeof CATALOG_FILTERS)[number] | 'cursor', string>>;

/** The search as the page's address carries it: empty fields are left out. */
export function catalogQueryOf(query: URLSearchParams): CatalogFilters {
  const filters: CatalogFilters = {};
  for (const name of [...CATALOG_FILTERS, 'cursor'] as const) {
    const value = query.get(name)?.trim();
    if (value) filters[name] = value;
  }
  return filters;
}

/** `/datasets?keyword=…` for the same search, on another page of results when `cursor` is given. */
export function catalogPath(filters: CatalogFilters, cursor?: string): string {
  const query = new URLSearchParams();
  for (const name of CATALOG_FILTERS) {
    const value = filters[name];
    if (value) query.set(name, value);
  }
  if (cursor) query.set('cursor', cursor);
  const text = query.toString();
  return text ? `/datasets?${text}` : '/datasets';
}

export interface CatalogPageInput {
  request: Pick<PageRequest, 'basePath'>;
  query: URLSearchParams;
  errors: FieldErrors | undefined;
  page?: { datasets: DatasetRecord[]; nextCursor: string | null } | undefined;
}

const FORM = 'search';

export function catalogPage(input: CatalogPageInput) {
  const { request, page } = input;
  const filters = catalogQueryOf(input.query);
  const state: FormState | undefined = input.errors
    ? { form: FORM, errors: input.errors, values: input.query }
    : undefined;
  const searching = CATALOG_FILTERS.some((name) => filters[name]);
  return html`<h1>Datasets</h1>
    <p class="lead">
      Data the city publishes, free to use. Search by keyword or department, open a dataset to read what each
      column means, and download it as a spreadsheet file (CSV).
    </p>
    <form class="search-form" method="get" action="${pathOf(request, '/datasets')}" novalidate>
      ${errorSummary(state, FORM)}
      <div class="search-fields">
        ${textField({
          form: FORM,
          name: 'keyword',
          label: 'Keyword',
          hint: 'A word from the title or the topics, like permits or roads.',
          type: 'search',
          value: filters.keyword ?? '',
          state,
        })}
        ${selectField({
          form: FORM,
          name: 'department',
          label: 'Department',
          blank: 'All departments',
          options: DEPARTMENTS.map((d) => ({ value: d.id, label: d.name })),
          value: filters.department ?? '',
          state,
        })}
        ${textField({
          form: FORM,
          name: 'tag',
          label: 'Topic',
          hint: 'An exact topic, like public safety.',
          value: filters.tag ?? '',
          state,
        })}
        ${textField({
          form: FORM,
          name: 'modifiedSince',
          label: 'Updated on or after',
          hint: 'A date like 2026-01-31.',
          inputmode: 'numeric',
          value: filters.modifiedSince ?? '',
          state,
        })}
      </div>
      <div class="form-buttons">
        <button type="submit" class="button">Search</button>
        ${searching ? html`<a href="${pathOf(request, '/datasets')}">Clear the search</a>` : ''}
      </div>
    </form>
    ${page ? results(input, page, filters, searching) : ''}`;
}

function results(
  input: CatalogPageInput,
  page: NonNullable<CatalogPageInput['page']>,
  filters: CatalogFilters,
  searching: boolean,
) {
  const { request } = input;
  const count = page.datasets.length;
  return html`<section aria-labelledby="results-title">
    <h2 id="results-title">${searching ? 'Results' : 'All datasets'}</h2>
    <p role="status">
      ${
        count === 0
          ? searching
            ? 'No dataset matches this search. Try another word or fewer filters.'
            : 'There are no datasets on this page.'
          : `${count} ${count === 1 ? 'dataset' : 'datasets'} on this page${filters.cursor ? ' (continued)' : ''}.`
      }
    </p>
    <ul class="results">
      ${page.datasets.map(
        (d) =>
          html`<li>
            <h3><a href="${pathOf(request, `/datasets/${d.datasetId}`)}">${d.title}</a></h3>
            <p>${d.description}</p>
            <dl class="facts">
              <dt>Department</dt>
              <dd>${departmentName(d.ownerDepartment)}</dd>
              <dt>Last updated</dt>
              <dd>${formatDateTime(d.modifiedAt)}</dd>
              ${
                d.keywords.length
                  ? html`<dt>Topics</dt>
                      <dd>${d.keywords.join(', ')}</dd>`
                  : ''
              }
            </dl>
            ${d.sampleData ? html`<p class="hint">Sample data for demonstration, not real city data.</p>` : ''}
          </li>`,
      )}
    </ul>
    <nav class="pager" aria-label="More results">
      ${filters.cursor ? html`<a href="${pathOf(request, catalogPath(filters))}">First page</a>` : ''}
      ${
        page.nextCursor
          ? html`<a href="${pathOf(request, catalogPath(filters, page.nextCursor))}">Next page</a>`
          : ''
      }
    </nav>
  </section>`;
}
