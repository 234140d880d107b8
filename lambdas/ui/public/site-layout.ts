/** The public site's shell: skip link, the city's header with the residents' navigation, main, footer. */
import { CITY } from '../../shared/city-profile';
import { assetNames } from '../asset-names';
import { html, type SafeHtml } from '../html';
import { pathOf, type PageRequest } from '../http';

export type SiteSection = 'home' | 'datasets' | 'records' | 'report' | 'help' | 'api-keys';

export interface SiteLayoutInput {
  title: string;
  request: Pick<PageRequest, 'basePath'>;
  current?: SiteSection;
  /** Private pages (a requester's status) ask search engines to stay away. */
  indexable: boolean;
  content: SafeHtml;
}

export function siteLayout(input: SiteLayoutInput): SafeHtml {
  const { request } = input;
  const link = (section: SiteSection, path: string, label: string) =>
    html`<li>
      <a href="${pathOf(request, path)}" ${input.current === section ? html` aria-current="page"` : ''}
        >${label}</a
      >
    </li>`;
  return html`<!DOCTYPE html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        ${input.indexable ? '' : html`<meta name="robots" content="noindex, nofollow" />`}
        <link rel="icon" href="data:," />
        <title>${input.title} · ${CITY.name} open data and public records</title>
        <link rel="stylesheet" href="${pathOf(request, `/assets/${assetNames().css}`)}" />
        <script src="${pathOf(request, `/assets/${assetNames().js}`)}" defer></script>
      </head>
      <body class="public-site">
        <a class="skip-link" href="#main">Skip to main content</a>
        <header class="site-header">
          <div class="bar">
            <a class="site-title" href="${pathOf(request, '/')}"
              >${CITY.name} · Open data and public records</a
            >
            <nav class="site-nav" aria-label="Main">
              <ul>
                ${link('datasets', '/datasets', 'Datasets')}
                ${link('records', '/records', 'Records requests')}
                ${link('report', '/report', 'Report a problem')} ${link('api-keys', '/api-keys', 'API keys')}
                ${link('help', '/help', 'Help')}
              </ul>
            </nav>
          </div>
        </header>
        <main id="main" tabindex="-1">${input.content}</main>
        <footer class="site-footer">
          <p>
            ${CITY.publisherName}. Public records under the Connecticut Freedom of Information Act (C.G.S.
            §1-200 and following).
          </p>
        </footer>
      </body>
    </html> `;
}
