import type { Logger } from '../../../log/logger.ts';
import type { HostRateLimiter } from '../host-rate-limiter.ts';
import { ALLOW_ALL, DISALLOW_ALL, robotsPolicy, type RobotsPolicy } from './robots-txt.ts';

/**
 * robots.txt of every origin a crawl touches, fetched once per crawl (the fetch counts against the
 * host's rate like any request). 2xx: its rules; 4xx: no rules; 5xx or unreachable: nothing allowed
 * (RFC 9309), which the crawl reports as blocked pages rather than crawling blind.
 */
export class RobotsCache {
  private readonly policies = new Map<string, Promise<RobotsPolicy>>();

  constructor(
    private readonly options: { userAgent: string; rate: number; timeoutMs: number; limiter: HostRateLimiter; logger: Logger },
  ) {}

  policyFor(url: string): Promise<RobotsPolicy> {
    const { origin, host } = new URL(url);
    let policy = this.policies.get(origin);
    if (!policy) {
      policy = this.fetchPolicy(origin, host);
      this.policies.set(origin, policy);
    }
    return policy;
  }

  private async fetchPolicy(origin: string, host: string): Promise<RobotsPolicy> {
    const robotsUrl = `${origin}/robots.txt`;
    const release = await this.options.limiter.acquire(host, this.options.rate, { leaseMs: this.options.timeoutMs });
    try {
      const response = await fetch(robotsUrl, {
        headers: { 'user-agent': this.options.userAgent },
        signal: AbortSignal.timeout(this.options.timeoutMs),
        redirect: 'follow',
      });
      if (response.ok) return robotsPolicy(await response.text(), this.options.userAgent);
      if (response.status >= 400 && response.status < 500) return ALLOW_ALL;
      this.options.logger.warn({ url: robotsUrl, status: response.status }, 'robots.txt unavailable: treating the site as disallowed');
      return DISALLOW_ALL;
    } catch (err) {
      this.options.logger.warn({ url: robotsUrl, err: (err as Error).message }, 'robots.txt unreachable: treating the site as disallowed');
      return DISALLOW_ALL;
    } finally {
      await release();
    }
  }
}
