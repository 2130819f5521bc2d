#!/usr/bin/env node
// The TypeScript sources run as they are (through tsx), so a clone works after `npm ci`
// with no build step and a stale build can never be run by mistake.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv);
