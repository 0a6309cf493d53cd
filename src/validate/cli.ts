// `npm run validate`: loads ontology/ and data/, validates them against shapes/, prints the report and the counts per class.
import { performance } from 'node:perf_hooks';
import { loadConfig } from '../config.js';
import { DataLoadError, loadGraph } from '../store/load.js';
import { formatClassCounts, formatReport, validateGraph } from './shacl.js';

/** Exit codes: 0 conforms (warnings allowed), 1 violations, 2 the files could not be loaded. */
async function runValidate(env: Record<string, string | undefined> = process.env): Promise<number> {
  const config = loadConfig(env);
  const started = performance.now();
  let graph;
  try {
    graph = await loadGraph({ baseIri: config.baseIri, ontologyDir: config.ontologyDir, dataDir: config.dataDir });
  } catch (error) {
    if (error instanceof DataLoadError) {
      console.error(`Cannot load the data: ${error.message}`);
      return 2;
    }
    throw error;
  }
  const loaded = performance.now();
  if (!config.shapesDir) {
    console.error('SHAPES_DIR is "none": nothing to validate against.');
    return 2;
  }
  let report;
  try {
    report = await validateGraph(graph, config.shapesDir);
  } catch (error) {
    if (error instanceof DataLoadError) {
      console.error(`Cannot load the shapes: ${error.message}`);
      return 2;
    }
    throw error;
  }
  const validated = performance.now();
  console.log(formatReport(report, config.baseIri));
  console.log('');
  console.log('Resources per class (explicit rdf:type, all graphs):');
  console.log(formatClassCounts(report.classCounts, config.baseIri));
  console.log('');
  console.log(
    `Loaded ${graph.graphFiles.size} graphs in ${Math.round(loaded - started)} ms, validated in ${Math.round(validated - loaded)} ms.`,
  );
  return report.conforms ? 0 : 1;
}

process.exitCode = await runValidate();
