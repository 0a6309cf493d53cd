// Picking the literal to show in a language, without a server.
import { DataFactory } from 'n3';
import { describe, expect, it } from 'vitest';
import { literalIn } from '../../src/store/literals.js';

const { literal, namedNode, blankNode } = DataFactory;
const values = [namedNode('http://example.org/x'), literal('Städte', 'de'), literal('Cities', 'en'), literal('Cities (untagged)'), blankNode('b')];

describe('literalIn', () => {
  it.each([
    [['en'], 'Cities'],
    [['de'], 'Städte'],
    [['fr', 'en'], 'Cities'],
    [['fr', ''], 'Cities (untagged)'],
    // No wanted language: the first literal, never an IRI or a blank node.
    [['fr'], 'Städte'],
    [[], 'Städte'],
  ])('in %j picks %s', (languages, expected) => {
    expect(literalIn(values, ...languages)?.value).toBe(expected);
  });

  it('answers undefined when there is no literal', () => {
    expect(literalIn([namedNode('http://example.org/x')], 'en')).toBeUndefined();
    expect(literalIn([], 'en')).toBeUndefined();
  });
});
