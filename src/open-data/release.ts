// The graph's version and release dates, read from the one place they are kept: the data changelog (data/CHANGELOG.md).
import { readFile } from 'node:fs/promises';
import path from 'node:path';

/** One released version as the changelog states it. */
interface ReleaseEntry {
  readonly version: string;
  /** ISO date (YYYY-MM-DD). */
  readonly date: string;
  /** The entry's text (Markdown, headings and bullets), used as version notes. */
  readonly notes: string;
}

/** The current release (the changelog's top versioned entry) and when the first one came out. */
export interface Release {
  readonly version: string;
  /** Release date of the current version: the dataset's dct:modified. */
  readonly date: string;
  /** Release date of the first version: the dataset's dct:issued. */
  readonly firstDate: string;
  readonly notes: string;
  /** False when the data folder has no changelog (test fixtures, local experiments). */
  readonly released: boolean;
}

export class ReleaseError extends Error {
  override name = 'ReleaseError';
}

const CHANGELOG_FILE = 'CHANGELOG.md';

// Keep a Changelog headings: "## [1.0.0] - 2026-11-21". "## [Unreleased]" has no date and is skipped.
const entryHeading = /^## \[(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)\] - (\d{4}-\d{2}-\d{2})\s*$/;
const anyEntryHeading = /^## /;

/** Parses the changelog text; throws a ReleaseError naming the line when a version heading is malformed. */
export function parseChangelog(text: string, file = CHANGELOG_FILE): ReleaseEntry[] {
  const lines = text.split(/\r?\n/);
  const entries: ReleaseEntry[] = [];
  let current: { version: string; date: string; notes: string[] } | undefined;
  const finish = () => {
    if (current) entries.push({ version: current.version, date: current.date, notes: current.notes.join('\n').trim() });
  };
  lines.forEach((line, index) => {
    if (!anyEntryHeading.test(line)) {
      current?.notes.push(line);
      return;
    }
    finish();
    current = undefined;
    if (/^## \[Unreleased\]/i.test(line)) return;
    const match = entryHeading.exec(line);
    if (!match) throw new ReleaseError(`${file}:${index + 1}: expected a heading like "## [1.2.0] - 2026-01-31", got "${line}"`);
    const [, version, date] = match as unknown as [string, string, string];
    if (Number.isNaN(Date.parse(`${date}T00:00:00Z`)) || new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10) !== date) {
      throw new ReleaseError(`${file}:${index + 1}: "${date}" is not a valid calendar date`);
    }
    current = { version, date, notes: [] };
  });
  finish();
  for (let i = 1; i < entries.length; i++) {
    if (entries[i]!.date > entries[i - 1]!.date) {
      throw new ReleaseError(`${file}: entries must be newest first, but ${entries[i]!.version} (${entries[i]!.date}) follows ${entries[i - 1]!.version} (${entries[i - 1]!.date})`);
    }
  }
  return entries;
}

/** The release described by a changelog text (newest entry first). */
export function releaseFromChangelog(text: string, file = CHANGELOG_FILE): Release {
  const entries = parseChangelog(text, file);
  const top = entries[0];
  if (!top) throw new ReleaseError(`${file}: no released version found (expected a heading like "## [1.0.0] - 2026-01-31")`);
  return { version: top.version, date: top.date, firstDate: entries[entries.length - 1]!.date, notes: top.notes, released: true };
}

/** The text of `{dataDir}/CHANGELOG.md`, or "" when the data folder has none (fixtures, or DATA_DIR naming one file). */
export async function readChangelog(dataDir: string): Promise<string> {
  const file = path.join(dataDir, CHANGELOG_FILE);
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && code !== 'ENOTDIR') throw new ReleaseError(`${file}: ${(error as Error).message}`);
    return '';
  }
}

/**
 * The release a changelog text describes. Without a changelog the graph is served as an unreleased development
 * version dated by the load time, so nothing pretends to be a published release.
 */
export function releaseFromText(changelog: string, loadedAt: Date, file = CHANGELOG_FILE): Release {
  if (changelog === '') {
    const today = loadedAt.toISOString().slice(0, 10);
    return { version: '0.0.0-dev', date: today, firstDate: today, notes: '', released: false };
  }
  return releaseFromChangelog(changelog, file);
}

/**
 * The release of the graph being served: in store mode the changelog the loader wrote into the store (every
 * replica agrees), otherwise `{dataDir}/CHANGELOG.md`.
 */
export async function loadRelease(dataDir: string, graph: { loadedAt: Date; changelog?: string }): Promise<Release> {
  if (graph.changelog !== undefined) return releaseFromText(graph.changelog, graph.loadedAt, 'the changelog in the store');
  return releaseFromText(await readChangelog(dataDir), graph.loadedAt, path.join(dataDir, CHANGELOG_FILE));
}
