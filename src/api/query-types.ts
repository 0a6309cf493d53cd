// What a canned query file declares, once read and checked: its parameters, its fields and the parsed SELECT.
import type { Pattern, SelectQuery } from 'sparqljs';

export const parameterTypes = ['iri', 'string', 'language', 'date', 'integer', 'boolean'] as const;
export type ParameterType = (typeof parameterTypes)[number];

export const fieldTypes = ['iri', 'text', 'string', 'integer', 'number', 'date', 'boolean'] as const;
export type FieldType = (typeof fieldTypes)[number];

/** Parameters every endpoint has; a header may not declare them itself. */
export const standardParameters = ['lang', 'format', 'limit', 'offset', 'inferred'] as const;

export interface ParameterSpec {
  readonly name: string;
  readonly type: ParameterType;
  readonly description: string;
  readonly required: boolean;
  readonly repeatable: boolean;
  readonly enum?: readonly (string | number)[];
  readonly default?: string | number | boolean | readonly (string | number)[];
  /** For `iri`: the namespaces (absolute) a value may live in; a slug is looked up in each, in this order. */
  readonly namespaces: readonly string[];
  /** For `iri`: what the namespaces are called in messages ("network", "project"). */
  readonly kinds: readonly string[];
  readonly minimum?: number;
  readonly maximum?: number;
  readonly maxLength: number;
  /** For `string`: lower-case and strip accents before binding (for accent-insensitive matching). */
  readonly fold: boolean;
  /** The query variable the value is bound to with VALUES (when there is no pattern). */
  readonly variable: string;
  /** A group pattern added once per value, with `?value` replaced by the value's term: every value must hold. */
  readonly pattern?: readonly Pattern[];
  readonly example?: unknown;
}

export interface FieldSpec {
  readonly name: string;
  readonly type: FieldType;
  readonly array: boolean;
  /** A projected variable holding the label of this field's IRI: the JSON value becomes `{id, label}`. */
  readonly label?: string;
  /** The RDF property the field stands for (absolute IRI, or "@id"); fields without one are left out of JSON-LD. */
  readonly property?: string;
  readonly description: string;
}

export interface CannedQuery {
  readonly name: string;
  readonly file: string;
  readonly summary: string;
  readonly description: string;
  readonly tags: readonly string[];
  readonly parameters: readonly ParameterSpec[];
  readonly fields: readonly FieldSpec[];
  /** Variables whose values identify one result object; rows sharing them are merged. Empty: one object per row. */
  readonly key: readonly string[];
  /** Fields the objects are sorted by, in the requested language; empty keeps the query's ORDER BY. */
  readonly orderBy: readonly string[];
  readonly pagination: { readonly default: number; readonly max: number };
  readonly query: SelectQuery;
  /** Query parameters of the documented example request. */
  readonly example: Readonly<Record<string, string | readonly string[]>>;
}
