#!/usr/bin/env node
// The TypeScript sources run as they are (through tsx), so a clone works after `npm ci`
// with no build step and a stale build can never be run by mistake.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv);
// A command has returned: whatever it left open (a socket retrying a server that has gone) must not
// keep the process from exiting with its code.
setTimeout(() => process.exit(), 1000).unref();
