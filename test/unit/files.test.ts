// Folder listing without a server: which files of a folder are read, and in which order.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filesIn, shownPath } from '../../src/store/files.js';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'files-in-'));
  for (const name of ['b.ttl', 'a.trig', 'Z.ttl', 'ä.ttl', 'notes.md', '.ttl', 'c.ttl.bak', 'x.rq']) await writeFile(path.join(dir, name), '');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('filesIn', () => {
  it('lists the files with the given extensions in code-point order, skipping hidden files', async () => {
    expect(await filesIn(dir, ['.ttl', '.trig'])).toEqual(['Z.ttl', 'a.trig', 'b.ttl', 'ä.ttl']);
    expect(await filesIn(dir, ['.rq'])).toEqual(['x.rq']);
  });

  it('lists nothing from an empty folder, and throws for a missing one', async () => {
    const empty = path.join(dir, 'empty');
    await mkdir(empty);
    expect(await filesIn(empty, ['.ttl'])).toEqual([]);
    await expect(filesIn(path.join(dir, 'missing'), ['.ttl'])).rejects.toThrow(/ENOENT/);
  });
});

describe('shownPath', () => {
  it('shows a path under the working directory relative to it', () => {
    expect(shownPath(path.join(process.cwd(), 'data', 'cities.trig'))).toBe(path.join('data', 'cities.trig'));
    expect(shownPath(process.cwd())).toBe(process.cwd());
  });
});
