import { escapeHtml, html, join, raw, SafeHtml } from '../../../lambdas/ui/html';

// Prettier formats the markup of `html` templates; under another name these keep their exact text.
const h = html;

describe('html tagged template', () => {
  it('escapes every interpolated string', () => {
    const hostile = `<script>alert("x")</script> & 'quotes' \`tick\``;

    expect(html`<p>${hostile}</p>`.value).toBe(
      '<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quotes&#39; &#96;tick&#96;</p>',
    );
  });

  it('keeps a value inside its quoted attribute', () => {
    const out = h`<input value="${'" onfocus="alert(1)'}">`.value;

    expect(out).toBe('<input value="&quot; onfocus=&quot;alert(1)">');
    expect(out).not.toContain('" onfocus');
  });

  it('passes nested html and raw() through, and only those', () => {
    const inner = html`<b>${'<i>'}</b>`;

    expect(html`<p>${inner}${raw('<br>')}</p>`.value).toBe('<p><b>&lt;i&gt;</b><br></p>');
    expect(html`${{ value: '<b>' } as unknown as string}`.value).toBe('[object Object]');
  });

  it('renders lists of fragments and escapes the strings in them', () => {
    const items = ['a<', 'b>'];

    expect(h`<ul>${items.map((i) => h`<li>${i}</li>`)}</ul>`.value).toBe(
      '<ul><li>a&lt;</li><li>b&gt;</li></ul>',
    );
    expect(h`${['<x>', h`<y>`]}`.value).toBe('&lt;x&gt;<y>');
  });

  it('renders nothing for false, null, undefined and true; numbers as text', () => {
    expect(html`[${false}${null}${undefined}${true}]`.value).toBe('[]');
    expect(html`${0} ${12.5} ${Number.NaN}`.value).toBe('0 12.5 ');
  });

  it('returns SafeHtml that stringifies to its markup', () => {
    const out = html`<p>${'x'}</p>`;

    expect(out).toBeInstanceOf(SafeHtml);
    expect(String(out)).toBe('<p>x</p>');
  });

  it('joins with an escaped separator unless it is markup', () => {
    expect(join(['a', '<b>'], ' & ').value).toBe('a &amp; &lt;b&gt;');
    expect(join([html`<i>1</i>`, html`<i>2</i>`], raw('<br>')).value).toBe('<i>1</i><br><i>2</i>');
  });

  it('escapes the five HTML specials and the backtick', () => {
    expect(escapeHtml(`&<>"'\``)).toBe('&amp;&lt;&gt;&quot;&#39;&#96;');
  });
});
