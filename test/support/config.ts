// The configuration every fixture-based test starts from: quiet, no SHACL gate, no ontology unless a test names one.
import { loadConfig, type Config } from '../../src/config.js';

/** `env` is applied over the quiet defaults, `overrides` over the result (as loadConfig does). */
export function testConfig(env: Record<string, string>, overrides: Partial<Config> = {}): Config {
  return loadConfig({ LOG_LEVEL: 'silent', ONTOLOGY_DIR: 'none', SHAPES_DIR: 'none', ...env }, overrides);
}
