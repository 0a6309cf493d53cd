// Route schemas from the query headers: querystring JSON Schema (validation and OpenAPI at once), response shapes, and parameter error messages.
import type { FastifySchemaValidationError } from 'fastify';
import { errors, HttpError } from '../errors.js';
import type { CannedQuery, FieldSpec, ParameterSpec } from './query-file.js';
import { pageLanguages } from '../html/format.js';

const datePattern = '^\\d{4}(-\\d{2}(-\\d{2})?)?$';
const languagePattern = '^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$';
export const formats = ['json', 'jsonld', 'csv', 'srj'] as const;
const maxValues = 20;

type JsonSchema = Record<string, unknown>;

/** What a parameter expects, in words: used in descriptions and in 400 messages. */
function expectation(parameter: ParameterSpec, baseIri: string): string {
  const base = (() => {
    switch (parameter.type) {
      case 'iri': {
        // Written for a developer who has never seen RDF: the value is the last part of a page address.
        const example = String(exampleValue(parameter) ?? 'berlin');
        const where = parameter.namespaces[0] ?? baseIri;
        const what = parameter.kinds.map((k) => k.replace(/\/$/, '').replace(/^def$/, 'list')).join(' or ');
        return `the short name of a ${what}, as it ends its address: "${example}" for \`${where}${example}\` (the full address works too)`;
      }
      case 'string':
        return `a text of at most ${parameter.maxLength} characters`;
      case 'language':
        return 'a language code such as "de" (German) or "en" (English)';
      case 'date':
        return 'a year, a month or a day: "2023", "2023-11" or "2023-11-09"';
      case 'integer':
        return `an integer${parameter.minimum !== undefined ? ` >= ${parameter.minimum}` : ''}${parameter.maximum !== undefined ? ` <= ${parameter.maximum}` : ''}`;
      case 'boolean':
        return 'true or false';
    }
  })();
  const enumText = parameter.enum ? `one of ${parameter.enum.join(', ')}` : base;
  return parameter.repeatable ? `${enumText}; may be repeated (at most ${maxValues} values)` : enumText;
}

function exampleValue(parameter: ParameterSpec): unknown {
  return Array.isArray(parameter.example) ? parameter.example[0] : parameter.example;
}

function valueSchema(parameter: ParameterSpec): JsonSchema {
  const schema: JsonSchema = {};
  switch (parameter.type) {
    case 'iri':
      Object.assign(schema, { type: 'string', minLength: 1, maxLength: 500 });
      break;
    case 'string':
      Object.assign(schema, { type: 'string', minLength: 1, maxLength: parameter.maxLength });
      break;
    case 'language':
      Object.assign(schema, { type: 'string', pattern: languagePattern, maxLength: 35 });
      break;
    case 'date':
      Object.assign(schema, { type: 'string', pattern: datePattern });
      break;
    case 'integer':
      Object.assign(schema, { type: 'integer' });
      if (parameter.minimum !== undefined) schema.minimum = parameter.minimum;
      if (parameter.maximum !== undefined) schema.maximum = parameter.maximum;
      break;
    case 'boolean':
      Object.assign(schema, { type: 'boolean' });
      break;
  }
  if (parameter.enum) schema.enum = [...parameter.enum];
  return schema;
}

/** The querystring schema of one endpoint: its own parameters plus lang, format, limit, offset and inferred. */
export function querystringSchema(query: CannedQuery, baseIri: string): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  for (const parameter of query.parameters) {
    const value = valueSchema(parameter);
    const schema: JsonSchema = parameter.repeatable ? { type: 'array', items: value, minItems: 1, maxItems: maxValues } : value;
    schema.description = `${parameter.description} Expects ${expectation(parameter, baseIri)}.`;
    if (parameter.default !== undefined) schema.default = parameter.repeatable && !Array.isArray(parameter.default) ? [parameter.default] : parameter.default;
    const example = query.example[parameter.name] ?? parameter.example;
    if (example !== undefined) schema.examples = [parameter.repeatable && !Array.isArray(example) ? [example] : example];
    properties[parameter.name] = schema;
  }
  properties.lang = {
    type: 'string',
    enum: [...pageLanguages],
    description: 'Language of labels and texts; without it, the Accept-Language header decides (default en). A text missing in that language falls back to the other one.',
  };
  properties.format = {
    type: 'string',
    enum: [...formats],
    description: 'Overrides the Accept header: json (application/json), jsonld (application/ld+json), csv (text/csv), srj (application/sparql-results+json).',
  };
  properties.limit = {
    type: 'integer',
    minimum: 1,
    maximum: query.pagination.max,
    default: query.pagination.default,
    description: `Number of result objects per page (1 to ${query.pagination.max}).`,
  };
  properties.offset = { type: 'integer', minimum: 0, maximum: 1_000_000, default: 0, description: 'Number of result objects to skip.' };
  properties.inferred = {
    type: 'boolean',
    default: true,
    description:
      'With false, statements that rest on a reading of a source rather than on one of its sentences are left out: the query sees only the stated facts (every named graph except the graphs of inferred statements, def:InferenceGraph, whose rdfs:comment gives the rule of each reading).',
  };
  const required = query.parameters.filter((p) => p.required).map((p) => p.name);
  return { type: 'object', properties, additionalProperties: false, ...(required.length > 0 ? { required } : {}) };
}

function fieldSchema(field: FieldSpec): JsonSchema {
  const scalar: JsonSchema = (() => {
    switch (field.type) {
      case 'iri':
        return field.label
          ? {
              type: 'object',
              properties: { id: { type: 'string', format: 'uri' }, label: { type: ['string', 'null'] } },
              required: ['id', 'label'],
            }
          : { type: 'string', format: 'uri' };
      case 'integer':
        return { type: 'integer' };
      case 'number':
        return { type: 'number' };
      case 'boolean':
        return { type: 'boolean' };
      case 'date':
        return { type: 'string', description: 'A year, a month or a day ("2023", "2023-11", "2023-11-09"): as precise as the source gives it' };
      default:
        return { type: 'string' };
    }
  })();
  const description = field.property && field.property !== '@id' ? `${field.description} (${field.property})` : field.description;
  if (field.array) return { type: 'array', items: scalar, description };
  return { ...scalar, type: [scalar.type as string, 'null'], description };
}

/** The JSON shape of one result object. */
function itemSchema(query: CannedQuery): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  for (const field of query.fields) {
    if (query.fields.some((f) => f.label === field.name)) continue;
    properties[field.name] = fieldSchema(field);
  }
  return { type: 'object', properties, required: Object.keys(properties) };
}

const problemSchema: JsonSchema = {
  type: 'object',
  description: 'RFC 9457 problem details',
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    code: { type: 'string' },
    detail: { type: 'string' },
    instance: { type: 'string' },
    parameter: { type: 'string', description: 'The parameter that was wrong' },
    expected: { type: 'string', description: 'What the parameter expects' },
  },
  required: ['title', 'status', 'detail'],
};

/** Response documentation for one operation (sent payloads are pre-serialized strings, so this is documentation only). */
export function responseSchemas(query: CannedQuery): Record<string, unknown> {
  const problem = { content: { 'application/problem+json': { schema: problemSchema } } };
  return {
    200: {
      description: `${query.summary}: an array of objects (JSON), the same facts as JSON-LD, one line per object (CSV), or the raw SPARQL results of the page.`,
      headers: {
        ETag: { type: 'string', description: 'Changes when the graph changes' },
        Link: { type: 'string', description: 'rel="next" / rel="prev" links to the neighbouring pages' },
      },
      content: {
        // `example` is filled in with a real answer once the server runs (routes.ts).
        'application/json': { schema: { type: 'array', items: itemSchema(query) } },
        'application/ld+json': { schema: { type: 'object', description: 'JSON-LD compacted with the project context; fields without an RDF property are left out' } },
        'text/csv': { schema: { type: 'string', description: 'One line per object; several values joined with " | "' } },
        'application/sparql-results+json': { schema: { type: 'object', description: 'SPARQL 1.1 Query Results JSON of the rows behind the page' } },
      },
    },
    304: { description: 'Not modified (If-None-Match matched the ETag)' },
    400: { description: 'A parameter is unknown, missing, of the wrong type or out of range', ...problem },
    406: { description: 'None of the accepted media types can be produced', ...problem },
  };
}

/** Fastify's schema validation errors as a 400 problem that names the parameter and what it expects. */
export function parameterError(validation: FastifySchemaValidationError[], query: CannedQuery, baseIri: string): HttpError {
  const first = validation[0];
  if (!first) return errors.badRequest('The request parameters are invalid.');
  const params = first.params as Record<string, unknown>;
  const name = first.keyword === 'required' ? String(params.missingProperty) : (first.instancePath.split('/')[1] ?? '');
  const parameter = query.parameters.find((p) => p.name === name);
  let expected: string;
  if (parameter) expected = expectation(parameter, baseIri);
  else if (name === 'limit') expected = `an integer from 1 to ${query.pagination.max}`;
  else if (name === 'offset') expected = 'an integer >= 0';
  else if (name === 'lang') expected = `one of ${pageLanguages.join(', ')}`;
  else if (name === 'format') expected = `one of ${formats.join(', ')}`;
  else if (name === 'inferred') expected = 'true or false';
  else expected = String(first.message ?? 'a valid value');
  const message =
    first.keyword === 'required' ? `Parameter "${name}" is required: it expects ${expected}.` : `Parameter "${name}" is invalid (${first.message ?? 'bad value'}): it expects ${expected}.`;
  return errors.badParameter(name, message, { expected });
}
