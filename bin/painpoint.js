#!/usr/bin/env node
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { freshCompiledMain } from './compiled-tree.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const compiled = freshCompiledMain(root);
let main;
if (compiled) ({ main } = await import(pathToFileURL(compiled).href));
else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/cli/main.ts'));
}
process.exitCode = await main(process.argv);
// A command has returned: whatever it left open (a socket retrying a server that has gone) must not
// keep the process from exiting with its code.
setTimeout(() => process.exit(), 1000).unref();
