/** Timing `painpoint` itself, as a user runs it: its own process, output read through a pipe. */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PACKAGE_ROOT } from '../src/config/index.ts';

export interface CommandRun {
  firstLineMs: number;
  totalMs: number;
  lines: number;
}

/** Runs the command to its end, timing its first output line and its last. */
export function timeCommand(args: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<CommandRun> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [path.join(PACKAGE_ROOT, 'bin/painpoint.js'), ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let firstLineMs = NaN;
    let lines = 0;
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      if (lines === 0 && chunk.includes(10)) firstLineMs = performance.now() - t0;
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => {
      if (code !== 0) reject(new Error(`painpoint ${args.join(' ')} exited ${code}: ${stderr.slice(-500)}`));
      else resolve({ firstLineMs, totalMs: performance.now() - t0, lines });
    });
  });
}

/** The 1, 5 and 15 minute load averages: the machine is shared, so every figure says how busy it was. */
export function loadAverage(): string {
  return os.loadavg().map((l) => l.toFixed(2)).join(' ');
}

const CLOCK_TICKS_PER_SEC = 100;

/**
 * The fields of a /proc stat file after the command name (which may hold spaces) in parentheses,
 * state first; undefined where the process or thread is gone meanwhile.
 */
export function statFields(file: string): string[] | undefined {
  let stat: string;
  try {
    stat = fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}

export function ticksToMs(ticks: number): number {
  return (ticks * 1000) / CLOCK_TICKS_PER_SEC;
}

/**
 * CPU time (ms) used so far by a process and every process below it, read from /proc: the
 * servers' share of a run (Postgres runs a process per connection) is measured, not guessed.
 */
export function treeCpuMs(root: number): number {
  const children = new Map<number, number[]>();
  const cpu = new Map<number, number>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const f = statFields(`/proc/${entry}/stat`);
    if (!f) continue;
    const pid = Number(entry);
    const ppid = Number(f[1]);
    // utime, stime, and those of children already waited for (cutime, cstime): fields 14–17.
    cpu.set(pid, Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]));
    children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  }
  let ticks = 0;
  const stack = [root];
  while (stack.length > 0) {
    const pid = stack.pop()!;
    ticks += cpu.get(pid) ?? 0;
    stack.push(...(children.get(pid) ?? []));
  }
  return ticksToMs(ticks);
}

/** CPU (ms) of this process's children already waited for: a command's whole CPU, once it has exited. */
export function reapedChildrenCpuMs(): number {
  const f = statFields('/proc/self/stat')!;
  return ticksToMs(Number(f[13]) + Number(f[14]));
}
