export { BrowserHost, CHROMIUM_ARGS } from './browser-host.ts';
export { crawlSource, type CrawlDependencies, type CrawlOptions, type CrawlOutcome, type SeenItems } from './crawler.ts';
export { judgeCrawl, type CrawlVerdict } from './crawl-health.ts';
export { postgresRateLimiter, UNLIMITED, type HostRateLimiter } from './host-rate-limiter.ts';
export { runCrawl, type CrawlRequest, type CrawlSummary } from './run-crawl.ts';
export { chromiumPath, findSource, loadSources, sourcesFilePath, userAgentFor } from './sources-file.ts';
