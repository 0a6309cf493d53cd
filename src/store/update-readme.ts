// `npm run readme`: regenerates the counts tables in README.md from ontology/ and data/.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { loadConfig, projectRoot } from '../config.js';
import { loadGraph } from './load.js';
import { computeStatistics } from './statistics.js';
import { summaryMarkdown, withSummary } from './summary.js';

const config = loadConfig();
const graph = await loadGraph({ baseIri: config.baseIri, ontologyDir: config.ontologyDir, dataDir: config.dataDir });
const file = path.join(projectRoot, 'README.md');
const readme = await readFile(file, 'utf8');
await writeFile(file, withSummary(readme, summaryMarkdown(computeStatistics(graph), config.baseIri)));
console.log(`Updated the graph summary in ${path.relative(process.cwd(), file) || file}.`);
