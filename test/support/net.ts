// A free TCP port on 127.0.0.1, for the tests and runs that need the base IRI to name the real address before the server starts.
import { createServer, type AddressInfo } from 'node:net';

/** Asks the OS for a free port and releases it again (the caller listens on it right after). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
