/** The page shell: skip link, header with navigation and sign-out, main landmark, footer. */
import { mayReadAuditLog } from '../domain/audit-log';
import { CITY, departmentById } from '../shared/city-profile';
import { assetNames } from './asset-names';
import { csrfField } from './components';
import { html, type SafeHtml } from './html';
import { pathOf, type PageRequest } from './http';
import type { Session } from './session';
import { words } from './format';

export type Section =
  | 'dashboard'
  | 'records-requests'
  | 'new-request'
  | 'api-keys'
  | 'datasets'
  | 'enforcement'
  | 'calendar'
  | 'audit'
  | 'outbox';

export interface LayoutInput {
  title: string;
  request: Pick<PageRequest, 'basePath'>;
  session?: Session | undefined;
  current?: Section;
  /** Show the outbox link (local mode). */
  outbox?: boolean;
  content: SafeHtml;
}

export function layout(input: LayoutInput): SafeHtml {
  const { request, session } = input;
  const link = (section: Section, path: string, label: string) =>
    html`<li>
      <a href="${pathOf(request, path)}" ${input.current === section ? html` aria-current="page"` : ''}
        >${label}</a
      >
    </li>`;
  const principal = session?.principal;
  const department = principal?.department
    ? (departmentById(principal.department)?.name ?? principal.department)
    : '';
  return html`<!DOCTYPE html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex, nofollow" />
        <link rel="icon" href="data:," />
        <title>${input.title} · ${CITY.name} records admin</title>
        <link rel="stylesheet" href="${pathOf(request, `/admin/assets/${assetNames().css}`)}" />
        <script src="${pathOf(request, `/admin/assets/${assetNames().js}`)}" defer></script>
      </head>
      <body>
        <a class="skip-link" href="#main">Skip to main content</a>
        <header class="site-header">
          <div class="bar">
            <a class="site-title" href="${pathOf(request, '/admin')}">${CITY.name} · Open records admin</a>
            ${
              session
                ? html`<nav class="site-nav" aria-label="Main">
                      <ul>
                        ${link('dashboard', '/admin', 'Dashboard')}
                        ${link('records-requests', '/admin/records-requests', 'Records requests')}
                        ${link('new-request', '/admin/records-requests/new', 'Enter a request')}
                        ${link('api-keys', '/admin/api-keys', 'API keys')}
                        ${link('datasets', '/admin/datasets', 'Datasets')}
                        ${link('enforcement', '/admin/enforcement', 'Enforcement')}
                        ${link('calendar', '/admin/holiday-calendar', 'Holiday calendar')}
                        ${principal && mayReadAuditLog(principal) ? link('audit', '/admin/audit-log', 'Audit log') : ''}
                        ${input.outbox ? link('outbox', '/admin/outbox', 'E-mail outbox') : ''}
                      </ul>
                    </nav>
                    <div class="who">
                      <span
                        >${session.displayName} ·
                        ${principal!.roles.map(words).join(', ')}${department ? html` · ${department}` : ''}</span
                      >
                      <form method="post" action="${pathOf(request, '/admin/sign-out')}">
                        ${csrfField(session.csrf)}
                        <button type="submit">Sign out</button>
                      </form>
                    </div>`
                : ''
            }
          </div>
        </header>
        <main id="main" tabindex="-1">${input.content}</main>
        <footer class="site-footer">
          <p>
            ${CITY.publisherName}. Records requests under the Connecticut Freedom of Information Act (C.G.S.
            §1-200 and following).
          </p>
        </footer>
      </body>
    </html> `;
}
