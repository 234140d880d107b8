/** The dataset catalog: browse and search, a dataset's page with its dictionary and download. */
import { DatasetPathParams, DownloadQuery, ListDatasetsQuery } from '../../api/schemas/datasets';
import {
  datasetDownloadUrl,
  getPublishedVersion,
  listCatalog,
  type DatasetCatalogStore,
  type DatasetFileStore,
  type DownloadCounter,
  type VersionReader,
} from '../../domain/datasets/catalog';
import { versionDictionary } from '../../domain/datasets/dictionary';
import type { DatasetVersion } from '../../domain/datasets/versions';
import { notFound, PlatformError } from '../../shared/errors';
import type { FieldErrors } from '../components';
import { parseForm } from '../forms';
import { redirect } from '../http';
import { catalogPage, catalogQueryOf } from './pages/catalog';
import { datasetPage } from './pages/dataset';
import { siteBaseUrl } from './site-forms';
import { sitePage, type PublicRouter } from './site-context';

/** What the catalog pages call: the same stores the public dataset routes use. */
export interface CatalogPorts {
  catalog: DatasetCatalogStore;
  versions: VersionReader & { listVersions(datasetId: string): Promise<DatasetVersion[]> };
  files: DatasetFileStore;
  downloads: DownloadCounter;
}

/** The catalog's refusals in a resident's words (the API's messages speak to developers). */
const REFUSED_SEARCH: Record<string, string> = {
  keyword: 'Enter a word of at least two letters or digits.',
  cursor: 'That page of results is no longer there. Start again from the first page.',
};

/** Results per page: a phone screen's worth of a few scrolls. */
export const CATALOG_PAGE_SIZE = 20;

export function registerCatalogPages(router: PublicRouter<{ catalog: CatalogPorts }>): void {
  router.get('/datasets', async (ctx) => {
    const form = catalogQueryOf(ctx.request.query);
    const parsed = parseForm(ListDatasetsQuery, { ...form, limit: CATALOG_PAGE_SIZE });
    const show = (errors: FieldErrors | undefined, page?: Awaited<ReturnType<typeof listCatalog>>) =>
      sitePage(
        ctx,
        form.keyword ? `Datasets matching “${form.keyword}”` : 'Datasets',
        'datasets',
        catalogPage({ request: ctx.request, query: ctx.request.query, errors, page }),
        { status: errors ? 400 : 200 },
      );
    if (!parsed.ok) return show(parsed.errors);
    try {
      return show(undefined, await listCatalog(ctx.deps.catalog.catalog, parsed.data));
    } catch (err) {
      // A keyword without a searchable word, a cursor that is not one: said on the search form.
      if (!(err instanceof PlatformError) || err.statusCode !== 400) throw err;
      const errors: FieldErrors = {};
      for (const issue of err.details?.issues ?? []) {
        const field = issue.path.replace(/^query\./, '');
        errors[field === 'cursor' ? '' : field] ??= REFUSED_SEARCH[field] ?? err.message;
      }
      return show(Object.keys(errors).length ? errors : { '': err.message });
    }
  });

  router.get('/datasets/:datasetId', async (ctx) => {
    const datasetId = publicDatasetId(ctx.params.datasetId);
    const { catalog, versions } = ctx.deps.catalog;
    // The versions are read alongside: a visitor waits for one round trip, not two.
    const [{ dataset, version }, all] = await Promise.all([
      getPublishedVersion(catalog, versions, datasetId),
      versions.listVersions(datasetId),
    ]);
    const baseUrl = siteBaseUrl(ctx.request);
    const history = all
      .filter((v) => v.state === 'published' || (v.state === 'withdrawn' && v.publishedAt))
      .sort((a, b) => b.version - a.version);
    return sitePage(
      ctx,
      dataset.title,
      'datasets',
      datasetPage({
        request: ctx.request,
        baseUrl,
        dataset,
        dictionary: versionDictionary(dataset, version, baseUrl),
        versions: history,
      }),
    );
  });

  // No API key: a resident's download, counted like the API's (the link works for 5 minutes).
  router.get('/datasets/:datasetId/download', async (ctx) => {
    const datasetId = publicDatasetId(ctx.params.datasetId);
    const query = parseForm(DownloadQuery, Object.fromEntries(ctx.request.query));
    if (!query.ok) throw notFound('There is no such version of this dataset.');
    const { catalog, versions, files, downloads } = ctx.deps.catalog;
    const url = await datasetDownloadUrl(catalog, versions, files, datasetId, query.data.version, downloads);
    return redirect(url);
  });
}

/** A malformed id is a missing page, not a form error. */
function publicDatasetId(value: string | undefined): string {
  const parsed = parseForm(DatasetPathParams, { datasetId: value });
  if (!parsed.ok) throw notFound('There is no such dataset.');
  return parsed.data.datasetId;
}
