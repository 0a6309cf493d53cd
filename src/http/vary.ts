// Adds names to the Vary header instead of replacing it, so what one part of the app (CORS) said survives another (negotiation).
import type { FastifyReply } from 'fastify';

/** Appends each name not already listed (case-insensitively) to Vary. */
export function addVary(reply: FastifyReply, ...names: string[]): void {
  const current = String(reply.getHeader('vary') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  for (const n of names) if (!current.some((c) => c.toLowerCase() === n.toLowerCase())) current.push(n);
  void reply.header('Vary', current.join(', '));
}
