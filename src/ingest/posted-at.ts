/**
 * Timestamps as exports write them, to ISO 8601 UTC. A wall-clock time without a zone
 * ("2026-11-03 18:22:05", "2026/11/3", "2026年11月3日 18:22") is read in the configured time zone
 * (platform exports in mainland China are in Asia/Shanghai); epoch seconds or milliseconds and ISO
 * strings with a zone are taken as they are.
 */
export type PostedAtResult = { ok: true; value: string } | { ok: false; message: string };

const WALL = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T]+(\d{1,2})[:时](\d{1,2})(?:[:分](\d{1,2})(?:\.(\d{1,6}))?秒?)?)?$/u;
const HAS_ZONE = /(?:Z|[+-]\d{2}:?\d{2})$/iu;

export function parsePostedAt(input: unknown, timeZone: string): PostedAtResult {
  if (input instanceof Date) return validDate(input, String(input));
  if (typeof input === 'number') return fromEpoch(input);
  if (typeof input !== 'string') return { ok: false, message: `expected a date and time, got ${typeof input}` };
  const s = input.trim();
  if (/^\d{10}(?:\d{3})?$/u.test(s)) return fromEpoch(Number(s));
  const wall = WALL.exec(s);
  if (wall) {
    const [y, mo, d, h, mi, sec, frac] = wall.slice(1).map((v) => (v === undefined ? 0 : Number(v))) as number[];
    const ms = frac ? Number(`0.${wall[7]}`) * 1000 : 0;
    if (mo! < 1 || mo! > 12 || d! < 1 || d! > 31 || h! > 23 || mi! > 59 || sec! > 59) return { ok: false, message: `"${input}" is not a valid date` };
    const utc = zonedToUtc(y!, mo!, d!, h!, mi!, sec!, Math.round(ms), timeZone);
    const check = new Date(Date.UTC(y!, mo! - 1, d!));
    if (check.getUTCDate() !== d) return { ok: false, message: `"${input}" is not a valid date` };
    return validDate(new Date(utc), input);
  }
  if (/^\d{4}-\d{2}-\d{2}T/u.test(s) && HAS_ZONE.test(s)) return validDate(new Date(s), input);
  return { ok: false, message: `"${input}" is not a date (expected ISO 8601 or "YYYY-MM-DD HH:mm:ss")` };
}

function fromEpoch(n: number): PostedAtResult {
  if (!Number.isFinite(n) || n <= 0) return { ok: false, message: `${n} is not a timestamp` };
  return validDate(new Date(n < 1e11 ? n * 1000 : n), String(n));
}

function validDate(d: Date, input: string): PostedAtResult {
  if (Number.isNaN(d.getTime())) return { ok: false, message: `"${input}" is not a valid date` };
  const year = d.getUTCFullYear();
  if (year < 1990 || year > 2100) return { ok: false, message: `"${input}" is out of range (year ${year})` };
  return { ok: true, value: d.toISOString() };
}

const offsetFormats = new Map<string, Intl.DateTimeFormat>();
const QUARTER_HOUR = 15 * 60_000;
/** Per zone, per quarter hour (its number since the epoch): no key string built per lookup. */
const offsets = new Map<string, Map<number, number>>();

/**
 * Offset of a time zone from UTC at an instant, in milliseconds. Offsets only ever change on a
 * quarter hour, so they are remembered per zone and quarter hour: Intl's formatter is by far the
 * slowest step of ingesting a record otherwise.
 */
function zoneOffset(instant: number, timeZone: string): number {
  let zone = offsets.get(timeZone);
  if (!zone) {
    zone = new Map();
    offsets.set(timeZone, zone);
  }
  const quarter = Math.floor(instant / QUARTER_HOUR);
  let offset = zone.get(quarter);
  if (offset === undefined) {
    if (zone.size > 50_000) zone.clear();
    offset = computeZoneOffset(instant, timeZone);
    zone.set(quarter, offset);
  }
  return offset;
}

function computeZoneOffset(instant: number, timeZone: string): number {
  let fmt = offsetFormats.get(timeZone);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    offsetFormats.set(timeZone, fmt);
  }
  const parts: Record<string, number> = {};
  for (const p of fmt.formatToParts(new Date(instant))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  const asUtc = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/** The UTC instant of a wall-clock time in a zone (two passes settle daylight-saving edges). */
export function zonedToUtc(y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number, timeZone: string): number {
  const guess = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  const first = guess - zoneOffset(guess, timeZone);
  return guess - zoneOffset(first, timeZone);
}

/** Checks a time zone name once at start-up (config), so a typo fails early with the name. */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
