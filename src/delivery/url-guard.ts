import dns from 'node:dns';
import net from 'node:net';
import { PainpointError } from '../errors/index.ts';

/**
 * Where webhooks may go. Config files are edited by more people than the machine's operator, so a
 * webhook URL is a request-forgery risk: it must name an allowed host, the address it resolves to is
 * checked (not just the name), and private, loopback and link-local addresses pass only when an
 * IP or CIDR entry names them explicitly.
 */
export interface HostAllowlist {
  /** Lower-case host names; `*.example.com` allows every subdomain (not example.com itself). */
  readonly names: readonly string[];
  /** IP addresses and CIDRs: allowed whatever the host name, private ranges included. */
  readonly networks: net.BlockList;
  readonly entries: readonly string[];
}

export class WebhookTargetRefused extends PainpointError {
  constructor(message: string) {
    super('WEBHOOK_TARGET_REFUSED', message, { retryable: false });
    this.name = 'WebhookTargetRefused';
  }
}

/** Builds the allowlist from `delivery.allowHosts` plus PAINPOINT_WEBHOOK_ALLOW_HOSTS entries. */
export function buildAllowlist(entries: readonly string[]): HostAllowlist {
  const names: string[] = [];
  const networks = new net.BlockList();
  for (const raw of entries) {
    const entry = raw.trim().toLowerCase();
    if (!entry) continue;
    const [base, prefix] = entry.split('/') as [string, string | undefined];
    const family = net.isIP(unbracket(base));
    if (family) {
      const type = family === 6 ? 'ipv6' : 'ipv4';
      if (prefix === undefined) networks.addAddress(unbracket(base), type);
      else networks.addSubnet(unbracket(base), Number(prefix), type);
    } else {
      names.push(entry);
    }
  }
  return { names, networks, entries: [...entries] };
}

/** Loopback, private, link-local, carrier-grade NAT, unspecified and multicast ranges. */
const SPECIAL = (() => {
  const list = new net.BlockList();
  for (const [a, p] of [['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12], ['192.168.0.0', 16], ['224.0.0.0', 3]] as const) {
    list.addSubnet(a, p, 'ipv4');
  }
  for (const [a, p] of [['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8]] as const) list.addSubnet(a, p, 'ipv6');
  return list;
})();

function unbracket(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

/** `::ffff:10.0.0.1` is 10.0.0.1: checked as IPv4 so the mapped form cannot slip past the ranges. */
function normalizeAddress(address: string): { address: string; type: 'ipv4' | 'ipv6' } {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return { address: mapped[1]!, type: 'ipv4' };
  return { address, type: net.isIP(address) === 6 ? 'ipv6' : 'ipv4' };
}

export function isSpecialAddress(address: string): boolean {
  if (!net.isIP(address)) return false;
  const a = normalizeAddress(address);
  return SPECIAL.check(a.address, a.type);
}

function nameAllowed(hostname: string, allow: HostAllowlist): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  return allow.names.some((n) => (n.startsWith('*.') ? host.endsWith(n.slice(1)) : host === n));
}

/** Whether a connection to `address`, reached through the name `hostname`, is allowed. */
export function addressAllowed(hostname: string, address: string, allow: HostAllowlist): boolean {
  const a = normalizeAddress(address);
  if (allow.networks.check(a.address, a.type)) return true;
  return nameAllowed(hostname, allow) && !SPECIAL.check(a.address, a.type);
}

/**
 * The checks that need no network: scheme, credentials, and a host the allowlist could admit.
 * Used when config is loaded, so a bad endpoint is reported at start-up; the address check runs
 * again at connection time (`guardedLookup`).
 */
export function checkWebhookUrl(url: string, allow: HostAllowlist, what = 'webhook URL'): URL {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new WebhookTargetRefused(`${what} is not a URL`);
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new WebhookTargetRefused(`${what} must be http or https, not ${u.protocol}`);
  if (u.username || u.password) throw new WebhookTargetRefused(`${what} must not carry credentials; use secretEnv`);
  const host = unbracket(u.hostname);
  if (net.isIP(host)) {
    if (!addressAllowed(host, host, allow)) throw new WebhookTargetRefused(`${what} targets ${host}, which is not in the allowlist (delivery.allowHosts or PAINPOINT_WEBHOOK_ALLOW_HOSTS)`);
  } else if (!nameAllowed(host, allow) && !hasNetworks(allow)) {
    // With CIDR entries a name may still pass once resolved; without them it cannot.
    throw new WebhookTargetRefused(`${what} targets ${host}, which is not in the allowlist (delivery.allowHosts or PAINPOINT_WEBHOOK_ALLOW_HOSTS)`);
  }
  return u;
}

function hasNetworks(allow: HostAllowlist): boolean {
  return allow.entries.some((e) => net.isIP(unbracket(e.trim().split('/')[0] ?? '')) !== 0);
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | dns.LookupAddress[], family?: number) => void;

/**
 * A `lookup` for http.request that resolves the name and refuses the connection unless every
 * address it would use is allowed. The socket connects to the address checked here, so a DNS answer
 * that changes between check and connect (rebinding) cannot redirect it.
 */
export function guardedLookup(allow: HostAllowlist, resolve: typeof dns.lookup = dns.lookup) {
  return (hostname: string, options: dns.LookupOptions, callback: LookupCallback): void => {
    resolve(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, '');
      const list = addresses as dns.LookupAddress[];
      const refused = list.find((a) => !addressAllowed(hostname, a.address, allow));
      if (refused || list.length === 0) {
        return callback(new WebhookTargetRefused(`${hostname} resolves to ${refused?.address ?? 'nothing'}, which the allowlist does not admit`), '');
      }
      if (options.all) callback(null, list);
      else callback(null, list[0]!.address, list[0]!.family);
    });
  };
}
