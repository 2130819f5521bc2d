import { describe, expect, it } from 'vitest';
import { itemDomains } from '../../../src/analysis/index.ts';
import { loadConfig } from '../../../src/config/index.ts';
import { ConfigError } from '../../../src/errors/index.ts';

describe('item domains', () => {
  it('are the source\'s entry in nlp.sourceDomains, else nlp.domain', () => {
    const nlp = { domain: 'takeout' as const, sourceDomains: { 'jd-phones': 'goods' as const } };
    expect(itemDomains(nlp, ['jd-phones', 'meituan', undefined, 'toString'])).toEqual(['goods', 'takeout', 'takeout', 'takeout']);
  });

  it('default to general, and an unknown domain in the config is an error naming the key', () => {
    expect(loadConfig({ env: {} }).nlp.domain).toBe('general');
    const bad = () => loadConfig({ env: {}, overrides: { nlp: { sourceDomains: { shop: 'food' } } } });
    expect(bad).toThrow(ConfigError);
    expect(bad).toThrow(/nlp\.sourceDomains\.shop/);
  });
});
