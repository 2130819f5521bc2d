/** The compiled CLI's path under `root`, or undefined when dist/ is missing or older than a source. */
export function freshCompiledMain(root: string): string | undefined;
