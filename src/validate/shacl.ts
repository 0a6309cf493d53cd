// The SHACL gate: validates the union of all loaded graphs against shapes/ and reports each result with its source file.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { DataFactory, Store } from 'n3';
import SHACLValidator from 'rdf-validate-shacl';
import type { Quad, Term } from '@rdfjs/types';
import { DataLoadError, parseRdf, type LoadedGraph } from '../store/load.js';
import { computeStatistics } from '../store/statistics.js';
import { filesIn, shownPath } from '../store/files.js';
import { literalIn } from '../store/literals.js';
import { compactIri, prefixes } from '../rdf/namespaces.js';
import { startWorker } from '../worker-start.js';
import type { ValidateAnswer } from './validate-worker.js';

type Severity = 'Violation' | 'Warning' | 'Info';

/** One validation result, in terms a person editing data/ can act on. */
export interface ValidationIssue {
  severity: Severity;
  /** The focus node: an IRI, or `_:label` for a blank node. */
  focusNode: string;
  /** For a blank node focus: the resource and property that lead to it (`<iri> org:memberDuring`). */
  focusOwner?: string;
  /** The property path (an IRI), when the constraint is on a property. */
  path?: string;
  /** The offending value, in N-Triples-like form, when there is one. */
  value?: string;
  message: { en: string; de: string };
  /** The shape that reported it ({base}shapes/...), and the SHACL constraint component. */
  shape?: string;
  constraint: string;
  /** The data files the focus node's triples came from. */
  files: string[];
}

interface ClassCount {
  /** Class IRI. */
  class: string;
  /** Distinct resources typed with it (explicit rdf:type, over all graphs). */
  count: number;
}

export interface ValidationReport {
  /** True when there is no violation (warnings do not count). */
  conforms: boolean;
  violations: number;
  warnings: number;
  results: ValidationIssue[];
  classCounts: ClassCount[];
  /** Triples validated (the union of all graphs, duplicates across graphs merged). */
  tripleCount: number;
}

/** Thrown by assertValid: the message is the readable report; `report` has the structured results. */
export class ValidationFailedError extends Error {
  override name = 'ValidationFailedError';
  constructor(
    readonly report: ValidationReport,
    message: string,
  ) {
    super(message);
  }
}


/** Reads every Turtle file of the shapes folder, resolving relative IRIs against the data's base IRI. */
async function loadShapes(shapesDir: string, baseIri: string): Promise<Quad[]> {
  let names: string[];
  try {
    names = await filesIn(shapesDir, ['.ttl']);
  } catch (error) {
    throw new DataLoadError(shapesDir, undefined, `cannot read shapes folder: ${(error as Error).message}`);
  }
  if (names.length === 0) throw new DataLoadError(shapesDir, undefined, 'no shapes (*.ttl) in the shapes folder');
  const quads: Quad[] = [];
  for (const name of names) {
    const file = path.join(shapesDir, name);
    const shown = shownPath(file);
    const text = await readFile(file, 'utf8');
    for (const quad of parseRdf(text, shown, baseIri, `${baseIri}shapes/`)) {
      quads.push(DataFactory.quad(quad.subject, quad.predicate, quad.object));
    }
  }
  return quads;
}

/**
 * The data graph SHACL sees: every named graph merged into one (a triple stated by two sources counts once,
 * so maxCount and uniqueLang are not fooled), including the ontology's rdfs:subClassOf axioms, which
 * rdf-validate-shacl follows in the data graph for sh:targetClass and sh:class (it does no inference itself).
 */
function unionOf(graph: LoadedGraph): Store {
  const union = new Store();
  for (const quad of graph.store.match(null, null, null, null)) {
    union.addQuad(DataFactory.quad(quad.subject, quad.predicate, quad.object));
  }
  return union;
}

/** Validates the loaded graph against the shapes folder and returns every result, plus class counts. */
export async function validateGraph(graph: LoadedGraph, shapesDir: string): Promise<ValidationReport> {
  const shapes = await loadShapes(shapesDir, graph.baseIri);
  const shapeMessages = messagesOf(shapes);
  const data = unionOf(graph);
  const validator = new SHACLValidator(new Store(shapes));
  const report = await validator.validate(data);
  const seen = new Set<string>();
  const results: ValidationIssue[] = [];
  for (const result of report.results) {
    const issue = describeResult(graph, result, shapeMessages);
    // One shape can report the same value twice (through two targets, or two constraints such as sh:nodeKind and
    // sh:class): the message is the shape's, so keep one.
    const key = [issue.severity, issue.focusNode, issue.path, issue.value, issue.shape].join('\u0000');
    if (seen.has(key)) continue;
    seen.add(key);
    results.push(issue);
  }
  results.sort(
    (a, b) =>
      severityRank(a.severity) - severityRank(b.severity) ||
      (a.files[0] ?? '').localeCompare(b.files[0] ?? '') ||
      a.focusNode.localeCompare(b.focusNode) ||
      (a.path ?? '').localeCompare(b.path ?? ''),
  );
  const violations = results.filter((r) => r.severity === 'Violation').length;
  return {
    conforms: violations === 0,
    violations,
    warnings: results.filter((r) => r.severity === 'Warning').length,
    results,
    classCounts: [...computeStatistics(graph).classes].map(([cls, count]) => ({ class: cls, count })),
    tripleCount: data.size,
  };
}

/**
 * The same gate in a worker thread (SHACL took about 20 s at 100k triples, all of it on the calling thread), for a
 * graph that comes with no files: a store-mode replica's copy, validated while the replica keeps serving.
 */
export async function assertValidInWorker(graph: Pick<LoadedGraph, 'nquads' | 'baseIri'>, shapesDir: string): Promise<ValidationReport> {
  const worker = startWorker(new URL('./validate-worker.js', import.meta.url), { nquads: graph.nquads, baseIri: graph.baseIri, shapesDir });
  try {
    const answer = await new Promise<ValidateAnswer>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`the validation worker exited with code ${code}`)));
    });
    if (!answer.ok) throw new Error(`validating the graph failed: ${answer.message}`);
    if (!answer.report.conforms) throw new ValidationFailedError(answer.report, formatReport(answer.report, graph.baseIri));
    return answer.report;
  } finally {
    void worker.terminate();
  }
}

/** Throws ValidationFailedError, with the readable report as its message, when any violation is found. */
export async function assertValid(graph: LoadedGraph, shapesDir: string): Promise<ValidationReport> {
  const report = await validateGraph(graph, shapesDir);
  if (!report.conforms) throw new ValidationFailedError(report, formatReport(report, graph.baseIri));
  return report;
}

function severityRank(severity: Severity): number {
  return severity === 'Violation' ? 0 : severity === 'Warning' ? 1 : 2;
}

interface ShaclResult {
  message: Term[];
  path: Term | null;
  focusNode: Term;
  severity: Term;
  sourceConstraintComponent: Term;
  sourceShape: Term;
  value: Term | null;
}

/** Each shape's sh:message literals: SHACL says they win, but rdf-validate-shacl prefers some built-in texts (sh:uniqueLang). */
function messagesOf(shapes: readonly Quad[]): Map<string, Term[]> {
  const messages = new Map<string, Term[]>();
  for (const quad of shapes) {
    if (quad.predicate.value !== `${prefixes.sh}message`) continue;
    const list = messages.get(quad.subject.value) ?? [];
    list.push(quad.object);
    messages.set(quad.subject.value, list);
  }
  return messages;
}

function describeResult(graph: LoadedGraph, result: ShaclResult, shapeMessages: Map<string, Term[]>): ValidationIssue {
  const focus = result.focusNode;
  const messages = shapeMessages.get(result.sourceShape.value) ?? result.message;
  const pick = (lang: string) => literalIn(messages, lang, '')?.value ?? messages[0]?.value ?? 'no message';
  const issue: ValidationIssue = {
    severity: localName(result.severity.value) as Severity,
    focusNode: termText(focus),
    message: { en: pick('en'), de: pick('de') },
    constraint: localName(result.sourceConstraintComponent.value),
    files: filesOf(graph, focus),
  };
  if (focus.termType === 'BlankNode') {
    const owner = graph.store.getQuads(null, null, focus, null)[0];
    if (owner) issue.focusOwner = `${termText(owner.subject)} ${owner.predicate.value}`;
  }
  if (result.path?.termType === 'NamedNode') issue.path = result.path.value;
  if (result.value) issue.value = termText(result.value);
  if (result.sourceShape?.termType === 'NamedNode') issue.shape = result.sourceShape.value;
  return issue;
}

/** The files holding the focus node's own triples; for a blank node without any, the files that point to it. */
function filesOf(graph: LoadedGraph, focus: Term): string[] {
  const files = new Set<string>();
  const subject = focus.termType === 'Literal' ? null : focus;
  if (subject) {
    for (const quad of graph.store.getQuads(subject, null, null, null)) {
      const file = graph.fileOf(quad);
      if (file) files.add(file);
    }
  }
  if (files.size === 0) {
    for (const quad of graph.store.getQuads(null, null, focus, null)) {
      const file = graph.fileOf(quad);
      if (file) files.add(file);
    }
  }
  return [...files].sort();
}

function localName(iri: string): string {
  return iri.slice(Math.max(iri.lastIndexOf('#'), iri.lastIndexOf('/')) + 1);
}

function termText(term: Term): string {
  if (term.termType === 'NamedNode') return term.value;
  if (term.termType === 'BlankNode') return `_:${term.value}`;
  if (term.termType === 'Literal') {
    const quoted = JSON.stringify(term.value);
    if (term.language) return `${quoted}@${term.language}`;
    if (term.datatype.value !== `${prefixes.xsd}string`) return `${quoted}^^${term.datatype.value}`;
    return quoted;
  }
  return term.value;
}

/** The report as text: one block per result (focus node, path, value, message, file), then the counts. */
export function formatReport(report: ValidationReport, baseIri: string, options: { warnings?: boolean } = {}): string {
  const lines: string[] = [];
  const shown = report.results.filter((r) => options.warnings !== false || r.severity === 'Violation');
  for (const result of shown) {
    const focus = result.focusOwner
      ? `${result.focusNode} (value of ${compactOwner(result.focusOwner, baseIri)})`
      : result.focusNode;
    lines.push(`${result.severity.toUpperCase()} ${focus}`);
    if (result.path) lines.push(`  path:    ${compactIri(result.path, baseIri)}`);
    if (result.value && result.value !== result.focusNode) lines.push(`  value:   ${result.value}`);
    lines.push(`  message: ${result.message.en}`);
    if (result.message.de !== result.message.en) lines.push(`           ${result.message.de}`);
    lines.push(`  file:    ${result.files.length > 0 ? result.files.join(', ') : '(unknown)'}`);
    if (result.shape) lines.push(`  shape:   ${compactIri(result.shape, baseIri).replace(baseIri, '')}`);
  }
  lines.push(
    `${report.violations} violation(s), ${report.warnings} warning(s) in ${report.tripleCount} triples: ${
      report.conforms ? 'the graph conforms' : 'the graph does NOT conform'
    }.`,
  );
  return lines.join('\n');
}

function compactOwner(owner: string, baseIri: string): string {
  const space = owner.lastIndexOf(' ');
  return `${owner.slice(0, space)} ${compactIri(owner.slice(space + 1), baseIri)}`;
}

/** The counts per class as a two-column text table, largest first. */
export function formatClassCounts(counts: readonly ClassCount[], baseIri: string): string {
  const rows = [...counts]
    .sort((a, b) => b.count - a.count || a.class.localeCompare(b.class))
    .map((c) => [compactIri(c.class, baseIri), String(c.count)] as const);
  const width = Math.max('class'.length, ...rows.map(([name]) => name.length));
  const countWidth = Math.max('count'.length, ...rows.map(([, n]) => n.length));
  return [
    `${'class'.padEnd(width)}  ${'count'.padStart(countWidth)}`,
    `${'-'.repeat(width)}  ${'-'.repeat(countWidth)}`,
    ...rows.map(([name, n]) => `${name.padEnd(width)}  ${n.padStart(countWidth)}`),
  ].join('\n');
}
