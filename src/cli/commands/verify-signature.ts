import fs from 'node:fs';
import { InvalidArgumentError, type Command } from 'commander';
import { verifySignature } from '../../delivery/index.ts';
import { InputError } from '../../errors/index.ts';
import type { DeclareCommand } from '../command.ts';

/**
 * `painpoint verify-signature`: checks a saved webhook request (its raw body and its
 * X-Painpoint-Signature header) against the secret in an environment variable. A saved request is
 * usually older than the replay tolerance, so its age is reported and enforced only with --max-age.
 */
export const declareVerifySignature: DeclareCommand = (program: Command, run) => {
  program
    .command('verify-signature')
    .description('Check the X-Painpoint-Signature of a saved webhook request')
    .requiredOption('--secret-env <name>', 'environment variable holding the endpoint secret')
    .requiredOption('--signature <header>', 'the X-Painpoint-Signature value, t=...,v1=...')
    .requiredOption('--body <file>', 'the raw request body as received (- for stdin)')
    .option('--max-age <seconds>', 'also refuse a timestamp older (or newer) than this', (v) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected whole seconds');
      return n;
    })
    .action((opts: { secretEnv: string; signature: string; body: string; maxAge?: number }) => {
      const secret = process.env[opts.secretEnv];
      if (!secret) throw new InputError(`environment variable ${opts.secretEnv} is not set`, { field: '--secret-env' });
      let body: Buffer;
      try {
        body = fs.readFileSync(opts.body === '-' ? 0 : opts.body);
      } catch (err) {
        throw new InputError(`cannot read the body (${(err as NodeJS.ErrnoException).code ?? String(err)})`, { file: opts.body });
      }
      const result = verifySignature(secret, opts.signature.replace(/^X-Painpoint-Signature:\s*/i, ''), body, {
        toleranceSeconds: opts.maxAge ?? Number.MAX_SAFE_INTEGER,
      });
      if (result.ok) {
        const age = Math.floor(Date.now() / 1000) - result.timestamp;
        process.stdout.write(`valid: signed ${new Date(result.timestamp * 1000).toISOString()} (${age} s ago), ${body.length} bytes\n`);
        run.setExitCode(0);
      } else {
        process.stdout.write(`invalid: ${result.reason}\n`);
        run.setExitCode(1);
      }
    });
};
