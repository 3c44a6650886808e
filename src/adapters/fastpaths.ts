// The switch for the adapters' fast paths (src/adapters/*.ts): BROADSHEET_FAST_PATHS=off
// takes every library's public path, as a library of another shape would; the output is the
// same (tests/adapters.test.ts compares the PDF bytes). Each adapter records the fast paths
// it took, so that a test can tell a fast run from a fallen-back one.

export function fastPaths(): boolean {
  return process.env.BROADSHEET_FAST_PATHS !== 'off';
}

const taken = new Set<string>();

/** Note that fast path `name` was taken (once per process is enough). */
export function took(name: string): void {
  taken.add(name);
}

/** The fast paths taken so far in this process, sorted. */
export function fastPathsTaken(): string[] {
  return [...taken].sort();
}
