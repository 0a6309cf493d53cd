// The README's generated counts must match the data, so the table can never silently go stale.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, projectRoot } from '../src/config.js';
import { loadGraph } from '../src/store/load.js';
import { computeStatistics } from '../src/store/statistics.js';
import { summaryMarkdown, withSummary } from '../src/store/summary.js';

describe('README', () => {
  it('shows the counts of the current data (run `npm run readme` after changing data/)', async () => {
    const config = loadConfig({});
    const graph = await loadGraph({ baseIri: config.baseIri, ontologyDir: config.ontologyDir, dataDir: config.dataDir });
    const readme = await readFile(path.join(projectRoot, 'README.md'), 'utf8');
    expect(withSummary(readme, summaryMarkdown(computeStatistics(graph), config.baseIri))).toBe(readme);
  });

  it('gives the two set-up commands a newcomer needs', async () => {
    const readme = await readFile(path.join(projectRoot, 'README.md'), 'utf8');
    expect(readme).toContain('npm ci && npm start');
    expect(readme).toContain('npm ci && npm test');
  });
});
