import { describe, expect, it } from 'vitest';
import { html, query, safeHref, trusted } from '../../../src/dashboard/html.ts';

describe('html', () => {
  it('escapes every interpolated value, in text and in attributes', () => {
    const review = '<script>alert(1)</script><img src=x onerror="alert(2)">\'';
    const out = html`<td title="${review}">${review}</td>`.value;
    expect(out).toBe(
      '<td title="&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=&quot;alert(2)&quot;&gt;&#39;">&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=&quot;alert(2)&quot;&gt;&#39;</td>',
    );
  });

  it('keeps markup built by html itself, joins lists, and drops null, undefined and false', () => {
    const items = ['a&b', '<i>'].map((x) => html`<li>${x}</li>`);
    expect(html`<ul>${items}${null}${undefined}${false}${trusted(' <hr>')}</ul>`.value).toBe('<ul><li>a&amp;b</li><li>&lt;i&gt;</li> <hr></ul>');
  });

  it('carries a chart option as JSON an attribute cannot be broken out of', () => {
    const option = { title: '"><script>x</script>' };
    const out = html`<div data-chart="${JSON.stringify(option)}"></div>`.value;
    expect(out).not.toContain('<script>');
    expect(out).toBe('<div data-chart="{&quot;title&quot;:&quot;\\&quot;&gt;&lt;script&gt;x&lt;/script&gt;&quot;}"></div>');
  });
});

describe('safeHref', () => {
  it('links http(s) URLs only', () => {
    expect(safeHref('https://www.xiaohongshu.com/explore/1')).toBe('https://www.xiaohongshu.com/explore/1');
    expect(safeHref('javascript:alert(1)')).toBeUndefined();
    expect(safeHref('JaVaScRiPt:alert(1)')).toBeUndefined();
    expect(safeHref('data:text/html,<script>')).toBeUndefined();
    expect(safeHref('not a url')).toBeUndefined();
    expect(safeHref(null)).toBeUndefined();
  });
});

describe('query', () => {
  it('keeps set parameters only, encoded', () => {
    expect(query({ by: 'region', value: '华南', page: 2, q: '', from: null, to: undefined })).toBe('?by=region&value=%E5%8D%8E%E5%8D%97&page=2');
    expect(query({ q: '' })).toBe('');
  });
});
