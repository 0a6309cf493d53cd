// Measures the REST API: each endpoint's first (uncached) answer against repeated (cached) answers, side by side.
import { performance } from 'node:perf_hooks';
import { readdir } from 'node:fs/promises';
import { loadConfig } from '../src/config.js';
import { buildServer } from '../src/server.js';

const config = loadConfig({ SHAPES_DIR: 'none', LOG_LEVEL: 'silent' });
const app = await buildServer(config);
await app.ready();
const repeats = 50;
const names = (await readdir(config.queriesDir)).filter((f) => f.endsWith('.rq')).map((f) => f.replace(/\.rq$/, ''));
const examples: Record<string, string> = { cities: 'memberOf=iash&memberOf=cities4refugees', partners: 'project=cities4refugees', search: 'q=hafen', timeline: 'subject=berlin', concepts: 'scheme=role', memberships: 'member=berlin' };
console.log('(endpoints whose documented example uses the same parameters were already cached by the OpenAPI examples at start)');
console.log('endpoint'.padEnd(14), 'first ms'.padStart(9), 'cached ms'.padStart(10), 'ratio'.padStart(7));
for (const name of names) {
  const url = `/api/${name}${examples[name] ? `?${examples[name]}` : ''}`;
  let t = performance.now();
  const first = await app.inject(url);
  const cold = performance.now() - t;
  t = performance.now();
  for (let i = 0; i < repeats; i++) await app.inject(url);
  const warm = (performance.now() - t) / repeats;
  console.log(name.padEnd(14), cold.toFixed(1).padStart(9), warm.toFixed(2).padStart(10), `${(cold / warm).toFixed(0)}x`.padStart(7), first.statusCode === 200 ? '' : `status ${first.statusCode}`);
}
await app.close();
