/** Local mode's sign-in form (in AWS the Cognito hosted UI asks for the password), and the error page. */
import { csrfField, errorSummary, textField, type FormState } from '../components';
import { html, type SafeHtml } from '../html';
import { pathOf, type PageRequest } from '../http';

export function signInPage(
  request: Pick<PageRequest, 'basePath'>,
  input: { csrf: string; next: string; notice?: SafeHtml | undefined },
  form?: FormState,
): SafeHtml {
  const id = 'sign-in';
  return html`<h1>Sign in</h1>
    ${input.notice ?? ''}
    <form method="post" action="${pathOf(request, '/admin/sign-in')}" id="${id}" novalidate class="panel">
      ${errorSummary(form, id)} ${csrfField(input.csrf)}
      <input type="hidden" name="next" value="${input.next}" />
      ${textField({ form: id, name: 'username', label: 'Username', autocomplete: 'username', state: form, required: true })}
      ${textField({ form: id, name: 'password', type: 'password', label: 'Password', autocomplete: 'current-password', state: form, required: true, value: '' })}
      <button type="submit">Sign in</button>
    </form>
    <p class="hint">
      Local mode: use one of the staff accounts <code>npm start</code> printed (for example
      <code>clerk</code>, password <code>local-only-password</code>). In AWS, staff sign in with the city's
      Cognito sign-in page.
    </p>`;
}

export function errorPage(
  request: Pick<PageRequest, 'basePath'>,
  input: { title: string; message: string; requestId?: string; signedIn: boolean },
): SafeHtml {
  return html`<h1>${input.title}</h1>
    <p>${input.message}</p>
    ${input.requestId ? html`<p class="hint">Request id: <code>${input.requestId}</code> (quote it if you contact City IT).</p>` : ''}
    <p>
      <a href="${pathOf(request, input.signedIn ? '/admin' : '/admin/sign-in')}"
        >${input.signedIn ? 'Go to the dashboard' : 'Sign in'}</a
      >
    </p>`;
}
