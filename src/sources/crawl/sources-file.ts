import fs from 'node:fs';
import { loadYamlFile, resolveFromRoot, type Config, type SourceConfig } from '../../config/index.ts';
import { sourcesFileSchema } from '../../config/schema/sources.ts';
import { ConfigError } from '../../errors/index.ts';

/** The sources file in use: `crawl.sources` (PAINPOINT_SOURCES sets it, from the working directory). */
export function sourcesFilePath(config: Pick<Config, 'crawl'>): string {
  return resolveFromRoot(config.crawl.sources);
}

/** Every source in the file, validated (errors name the file and the key). */
export function loadSources(config: Pick<Config, 'crawl'>): SourceConfig[] {
  return loadYamlFile(sourcesFileSchema, sourcesFilePath(config)).sources;
}

/** One source by id; a clear error when the file has no such source or it is disabled. */
export function findSource(sources: readonly SourceConfig[], id: string, file: string): SourceConfig {
  const source = sources.find((s) => s.id === id);
  if (!source) {
    const known = sources.map((s) => s.id).join(', ') || 'none';
    throw new ConfigError(`no source "${id}" (sources: ${known})`, { file, key: 'sources' });
  }
  return source;
}

/** The User-Agent a source's requests carry: its own, or `painpoint/<version> (+contact)`. */
export function userAgentFor(source: SourceConfig, config: Pick<Config, 'crawl'>): string {
  if (source.userAgent) return source.userAgent;
  const contact = config.crawl.contact.trim();
  return `painpoint/${packageVersion()}${contact ? ` (+${contact})` : ''}`;
}

let version: string | undefined;
function packageVersion(): string {
  version ??= (JSON.parse(fs.readFileSync(resolveFromRoot('package.json'), 'utf8')) as { version: string }).version;
  return version;
}

/** Chromium to launch: `crawl.chromium` (PAINPOINT_CHROMIUM sets it). */
export function chromiumPath(config: Pick<Config, 'crawl'>): string {
  return config.crawl.chromium;
}
