/** Local mode: the e-mails requesters and API consumers would have received. */
import type { OutboxPage } from '../../adapters/email/outbox-email-sender';
import { formatDateTime } from '../format';
import { html, type SafeHtml } from '../html';
import { pathOf, type PageRequest } from '../http';

export function outboxPage(
  request: Pick<PageRequest, 'basePath'>,
  page: OutboxPage,
  first: boolean,
): SafeHtml {
  return html`<h1>E-mail outbox</h1>
    <p class="lead">
      Local mode sends no e-mail: everything the platform would send lands here, newest first. In AWS, Amazon
      SES sends it and this page does not exist.
    </p>
    ${
      page.messages.length
        ? page.messages.map(
            (m) =>
              html`<article class="message" aria-labelledby="mail-${m.messageId}">
                <h2 id="mail-${m.messageId}">${m.subject}</h2>
                <dl class="facts">
                  <dt>To</dt>
                  <dd>${m.to}</dd>
                  <dt>Sent</dt>
                  <dd><time datetime="${m.sentAt}">${formatDateTime(m.sentAt)}</time></dd>
                  <dt>Kind</dt>
                  <dd>${m.category}</dd>
                </dl>
                <pre>${m.text}</pre>
              </article>`,
          )
        : html`<p>The outbox is empty.</p>`
    }
    <nav class="pager" aria-label="Pages">
      ${first ? '' : html`<a href="${pathOf(request, '/admin/outbox')}">Newest</a>`}
      ${page.nextCursor ? html`<a rel="next" href="${pathOf(request, `/admin/outbox?cursor=${encodeURIComponent(page.nextCursor)}`)}">Older</a>` : ''}
    </nav>`;
}
