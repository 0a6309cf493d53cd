// Lists the files of a folder (data, ontology, shapes, queries) and names a file as messages show it.
import { readdir } from 'node:fs/promises';
import path from 'node:path';

/**
 * The names of the files in `dir` whose extension is one of `extensions` (".ttl"), in code-point order so
 * every start reads them alike. Hidden files (".ttl" alone) have no extension and are skipped. Throws readdir's
 * error, which each caller wraps in its own error naming the folder.
 */
export async function filesIn(dir: string, extensions: readonly string[]): Promise<string[]> {
  return (await readdir(dir)).filter((name) => extensions.includes(path.extname(name))).sort();
}

/** A path relative to the working directory, as reports and errors show it; the path itself when that is empty. */
export function shownPath(file: string): string {
  return path.relative(process.cwd(), file) || file;
}
