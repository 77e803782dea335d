/** A located, human error about the seed: `seeds/<file>:<line>: expected …, found …`. */
export class SeedError extends Error {
  constructor(
    public readonly file: string,
    public readonly line: number,
    public readonly expected: string,
    public readonly found: string,
  ) {
    super(`${file}:${line}: expected ${expected}, found ${found}`);
    this.name = 'SeedError';
  }
}

/** Short, printable excerpt of a line for error messages. */
export function excerpt(s: string, max = 80): string {
  const t = s.replace(/\t/g, ' ⇥ ').trim();
  return t === '' ? 'an empty line' : `"${t.length > max ? t.slice(0, max) + '…' : t}"`;
}
