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
  /** IP addresses and CIDRs: URLs naming such an address (private ranges included); a name resolving into one still needs its own entry. */
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

/**
 * Addresses a webhook may not reach through a host name: the IANA special-purpose registries for
 * IPv4 and IPv6 (loopback, private, shared, link-local, documentation, benchmarking, protocol
 * assignments, reserved, multicast), plus the IPv6 forms that carry an IPv4 address a translator or
 * an old stack would reach (NAT64 64:ff9b::/96 and 64:ff9b:1::/48, IPv4-compatible ::/96, 6to4
 * 2002::/16, Teredo inside 2001::/23). IPv4-mapped ::ffff:a.b.c.d is checked as a.b.c.d.
 */
const SPECIAL_IPV4: readonly (readonly [string, number])[] = [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.31.196.0', 24], ['192.52.193.0', 24], ['192.88.99.0', 24], ['192.168.0.0', 16],
  ['192.175.48.0', 24], ['198.18.0.0', 15], ['198.51.100.0', 24], ['203.0.113.0', 24], ['224.0.0.0', 4], ['240.0.0.0', 4],
];
const SPECIAL_IPV6: readonly (readonly [string, number])[] = [
  ['::', 96], ['64:ff9b::', 96], ['64:ff9b:1::', 48], ['100::', 64], ['2001::', 23], ['2001:db8::', 32],
  ['2002::', 16], ['3fff::', 20], ['5f00::', 16], ['fc00::', 7], ['fe80::', 10], ['fec0::', 10], ['ff00::', 8],
];
const SPECIAL = (() => {
  const list = new net.BlockList();
  for (const [a, p] of SPECIAL_IPV4) list.addSubnet(a, p, 'ipv4');
  for (const [a, p] of SPECIAL_IPV6) list.addSubnet(a, p, 'ipv6');
  return list;
})();

function unbracket(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

/** The eight 16-bit groups of an IPv6 address (dotted IPv4 tail and zone id allowed). */
function ipv6Groups(address: string): number[] | undefined {
  let text = address.replace(/%.*$/, '');
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const b = dotted[1]!.split('.').map(Number);
    text = `${text.slice(0, dotted.index)}${((b[0]! << 8) | b[1]!).toString(16)}:${((b[2]! << 8) | b[3]!).toString(16)}`;
  }
  const [head, tail] = text.split('::') as [string, string | undefined];
  const part = (s: string | undefined) => (s ? s.split(':').map((g) => parseInt(g, 16)) : []);
  const h = part(head);
  const t = part(tail);
  const groups = tail === undefined ? h : [...h, ...new Array<number>(8 - h.length - t.length).fill(0), ...t];
  return groups.length === 8 && groups.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff) ? groups : undefined;
}

/**
 * `::ffff:10.0.0.1` (also written `::ffff:a00:1`, as URL parsing normalizes it) is 10.0.0.1: checked
 * as IPv4 so the mapped form cannot slip past the ranges.
 */
function normalizeAddress(address: string): { address: string; type: 'ipv4' | 'ipv6' } {
  if (net.isIP(address) !== 6) return { address, type: 'ipv4' };
  const g = ipv6Groups(address);
  if (g && g.slice(0, 5).every((x) => x === 0) && g[5] === 0xffff) {
    return { address: `${g[6]! >> 8}.${g[6]! & 0xff}.${g[7]! >> 8}.${g[7]! & 0xff}`, type: 'ipv4' };
  }
  return { address, type: 'ipv6' };
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

/**
 * Whether a connection to `address`, reached through the name `hostname`, is allowed. An IP or CIDR
 * entry admits URLs that name such an address; a host name needs its own entry, and then resolves
 * to public addresses only, or to special ones an IP or CIDR entry lists as well.
 */
export function addressAllowed(hostname: string, address: string, allow: HostAllowlist): boolean {
  const a = normalizeAddress(address);
  const listed = allow.networks.check(a.address, a.type);
  if (net.isIP(unbracket(hostname))) return listed;
  return nameAllowed(hostname, allow) && (listed || !SPECIAL.check(a.address, a.type));
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
  } else if (!nameAllowed(host, allow)) {
    throw new WebhookTargetRefused(`${what} targets ${host}, which is not in the allowlist (delivery.allowHosts or PAINPOINT_WEBHOOK_ALLOW_HOSTS)`);
  }
  return u;
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
