// HTTP authentication to the store: answers the store's challenge with Basic or Digest (RFC 7616, MD5 / SHA-256, qop=auth), as Virtuoso's /sparql-auth asks.
import { createHash, randomBytes } from 'node:crypto';

/**
 * Written here rather than taken from npm: the Digest clients there wrap their own fetch (node-fetch) or HTTP
 * stack, while this service uses Node's fetch; the scheme is one hash formula.
 */
type Challenge = { scheme: 'basic' } | { scheme: 'digest'; params: Record<string, string> };

export interface Credentials {
  readonly user: string;
  readonly password: string;
}

/** Parses `Digest realm="x", nonce="y", qop="auth"` (quoted or token values). */
function parseChallenge(header: string): Challenge | null {
  const match = /^\s*(\w+)\s*(.*)$/s.exec(header);
  if (!match) return null;
  const scheme = match[1]!.toLowerCase();
  if (scheme === 'basic') return { scheme: 'basic' };
  if (scheme !== 'digest') return null;
  const params: Record<string, string> = {};
  for (const part of match[2]!.matchAll(/(\w+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]+))/g)) params[part[1]!.toLowerCase()] = part[2] ?? part[3] ?? '';
  return { scheme: 'digest', params };
}

/** Remembers the store's last challenge, so later requests authenticate at once instead of costing a 401 round trip each. */
export class StoreAuth {
  #challenge: Challenge | null = null;
  #count = 0;

  constructor(private readonly credentials: Credentials | null) {}

  /** The Authorization header for a request, once the store has said which scheme it wants. */
  header(method: string, url: string): Record<string, string> {
    const { credentials } = this;
    if (!credentials || !this.#challenge) return {};
    if (this.#challenge.scheme === 'basic') return { Authorization: `Basic ${Buffer.from(`${credentials.user}:${credentials.password}`).toString('base64')}` };
    const p = this.#challenge.params;
    const algorithm = (p.algorithm ?? 'MD5').toUpperCase();
    const hash = (text: string) => createHash(algorithm.startsWith('SHA-256') ? 'sha256' : 'md5').update(text).digest('hex');
    const uri = new URL(url).pathname + new URL(url).search;
    const ha1 = hash(`${credentials.user}:${p.realm ?? ''}:${credentials.password}`);
    const ha2 = hash(`${method}:${uri}`);
    const fields: Array<[string, string, boolean]> = [['username', credentials.user, true], ['realm', p.realm ?? '', true], ['nonce', p.nonce ?? '', true], ['uri', uri, true]];
    let response: string;
    if (p.qop?.split(',').map((q) => q.trim()).includes('auth')) {
      const nc = (++this.#count).toString(16).padStart(8, '0');
      const cnonce = randomBytes(8).toString('hex');
      response = hash(`${ha1}:${p.nonce ?? ''}:${nc}:${cnonce}:auth:${ha2}`);
      fields.push(['qop', 'auth', false], ['nc', nc, false], ['cnonce', cnonce, true]);
    } else {
      response = hash(`${ha1}:${p.nonce ?? ''}:${ha2}`);
    }
    fields.push(['response', response, true], ['algorithm', algorithm, false]);
    if (p.opaque !== undefined) fields.push(['opaque', p.opaque, true]);
    return { Authorization: `Digest ${fields.map(([k, v, quoted]) => (quoted ? `${k}="${v}"` : `${k}=${v}`)).join(', ')}` };
  }

  /** Takes a 401's challenge; true when a retry with credentials can succeed (there are credentials and a scheme we speak). */
  challenged(wwwAuthenticate: string | null): boolean {
    if (!this.credentials || !wwwAuthenticate) return false;
    const challenge = parseChallenge(wwwAuthenticate);
    if (!challenge) return false;
    this.#challenge = challenge;
    this.#count = 0;
    return true;
  }
}
