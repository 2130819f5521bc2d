import { describe, expect, it } from 'vitest';
import { productToken, robotsPolicy } from '../../../../src/sources/crawl/robots/robots-txt.ts';

const UA = 'painpoint/0.1.0 (+https://shop.example/crawler)';
const site = (p: string) => `https://shop.example${p}`;

describe('robots.txt', () => {
  it('takes the product token from the User-Agent', () => {
    expect(productToken(UA)).toBe('painpoint');
  });

  it('obeys the * group when none names us', () => {
    const policy = robotsPolicy('User-agent: *\nDisallow: /private/\n', UA);
    expect(policy.isAllowed(site('/reviews?page=2'))).toBe(true);
    expect(policy.isAllowed(site('/private/page3.html'))).toBe(false);
    expect(policy.isAllowed(site('/private'))).toBe(true);
  });

  it('prefers the group naming our product over *', () => {
    const text = ['User-agent: *', 'Disallow: /', '', 'User-agent: Painpoint', 'Disallow: /cart'].join('\n');
    const policy = robotsPolicy(text, UA);
    expect(policy.isAllowed(site('/reviews'))).toBe(true);
    expect(policy.isAllowed(site('/cart/1'))).toBe(false);
    expect(robotsPolicy(text, 'otherbot/1.0').isAllowed(site('/reviews'))).toBe(false);
  });

  it('lets the longest rule win and allow win a tie', () => {
    const text = ['User-agent: *', 'Disallow: /shop/', 'Allow: /shop/reviews', 'Disallow: /page', 'Allow: /page'].join('\n');
    const policy = robotsPolicy(text, UA);
    expect(policy.isAllowed(site('/shop/cart'))).toBe(false);
    expect(policy.isAllowed(site('/shop/reviews/2'))).toBe(true);
    expect(policy.isAllowed(site('/page'))).toBe(true);
  });

  it('understands * and $ in patterns, and queries', () => {
    const text = ['User-agent: *', 'Disallow: /*.json$', 'Disallow: /*?sort=', 'Disallow: /search'].join('\n');
    const policy = robotsPolicy(text, UA);
    expect(policy.isAllowed(site('/api/reviews.json'))).toBe(false);
    expect(policy.isAllowed(site('/api/reviews.json?x=1'))).toBe(true);
    expect(policy.isAllowed(site('/reviews?sort=new'))).toBe(false);
    expect(policy.isAllowed(site('/searching'))).toBe(false);
  });

  it('groups consecutive user-agent lines and ignores comments and unknown keys', () => {
    const text = ['# hello', 'User-agent: googlebot', 'User-agent: painpoint # us', 'Disallow: /a', 'Sitemap: https://x/s.xml', 'User-agent: *', 'Disallow: /b'].join('\n');
    const policy = robotsPolicy(text, UA);
    expect(policy.isAllowed(site('/a'))).toBe(false);
    expect(policy.isAllowed(site('/b'))).toBe(true);
  });

  it('treats an empty Disallow as allowing everything and never blocks robots.txt itself', () => {
    expect(robotsPolicy('User-agent: *\nDisallow:\n', UA).isAllowed(site('/anything'))).toBe(true);
    expect(robotsPolicy('User-agent: *\nDisallow: /\n', UA).isAllowed(site('/robots.txt'))).toBe(true);
  });

  it('keeps Crawl-delay of the chosen group', () => {
    expect(robotsPolicy('User-agent: *\nCrawl-delay: 2\nDisallow: /x\n', UA).crawlDelay).toBe(2);
    expect(robotsPolicy('User-agent: *\nDisallow: /x\n', UA).crawlDelay).toBeUndefined();
  });

  it('matches percent-encoded Chinese paths', () => {
    const policy = robotsPolicy('User-agent: *\nDisallow: /评价/私密\n', UA);
    expect(policy.isAllowed(site('/%E8%AF%84%E4%BB%B7/%E7%A7%81%E5%AF%86/1'))).toBe(false);
    expect(policy.isAllowed(site('/%E8%AF%84%E4%BB%B7/1'))).toBe(true);
  });
});
