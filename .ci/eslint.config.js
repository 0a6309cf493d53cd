// ESLint for src/, test/ and bench/ with type information; kept in .ci/ because the client fixed the top-level layout.
import { fileURLToPath } from 'node:url';
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

const root = fileURLToPath(new URL('..', import.meta.url));

export default defineConfig(
  {
    // The patterns below are relative to the repository root, not to .ci/.
    basePath: root,
    files: ['src/**/*.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    extends: [js.configs.recommended, tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: {
        // test/tsconfig.json covers src/, test/ and bench/ in one program.
        project: 'test/tsconfig.json',
        tsconfigRootDir: root,
      },
    },
    rules: {
      // A forgotten await on register() or reply.send() silently breaks plugin order or the response.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      // n3's DataFactory is used destructured (`const { namedNode } = DataFactory`); its functions never read `this`.
      '@typescript-eslint/unbound-method': 'off',
      // Off for now: together 92 findings (Dec 2026), mostly in files other branches are rewriting (sparql/, the
      // HTML pages, server.ts). Turn each on once those land: tests read JSON bodies as `any` (no-unsafe-*),
      // assertions the compiler no longer needs, Fastify hooks declared async without an await, String(unknown).
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unnecessary-type-assertion': 'off',
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-base-to-string': 'off',
    },
  },
  {
    // These patterns exist to find control characters (XML 1.0 cannot carry them; SPARQL IRIs must not hold them).
    basePath: root,
    files: ['src/rdf/rdfxml.ts', 'src/sparql/query-check.ts'],
    rules: { 'no-control-regex': 'off' },
  },
);
