// rdf-canonize ships no types; store/canonical.ts describes the two functions it uses.
declare module 'rdf-canonize';
