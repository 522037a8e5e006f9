import { describe, expect, it } from 'vitest';
import { escapeHtml, html, raw } from './html.js';

describe('html template', () => {
  it('escapes every interpolation, in text and attributes', () => {
    const name = `<script>alert("x")</script>`;
    const attr = `" onmouseover="alert(1)`;
    expect(html`<p title="${attr}">${name}</p>`.value).toBe(
      '<p title="&quot; onmouseover=&quot;alert(1)">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</p>',
    );
    expect(escapeHtml(`'&\``)).toBe('&#39;&amp;&#96;');
  });

  it('nests templates and lists without double escaping, and renders only raw() as markup', () => {
    const items = ['a<b', 'c&d'].map((x) => html`<li>${x}</li>`);
    expect(html`<ul>${items}</ul>`.value).toBe('<ul><li>a&lt;b</li><li>c&amp;d</li></ul>');
    expect(html`${raw('<b>ok</b>')}${'<b>no</b>'}`.value).toBe('<b>ok</b>&lt;b&gt;no&lt;/b&gt;');
    expect(html`${null}${undefined}${false}${0}`.value).toBe('0');
  });
});
