/** Timing `painpoint` itself, as a user runs it: its own process, output read through a pipe. */
import { spawn } from 'node:child_process';
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

