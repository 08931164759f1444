import type { Server } from 'node:http';
import { createServer } from 'node:net';

export class PortInUseError extends Error {
  constructor(port: number, service: string) {
    super(
      `Port ${port} (${service}) is already in use on 127.0.0.1. Stop whatever holds it ` +
        `(\`ss -ltnp 'sport = :${port}'\` shows it), or choose another port (see \`npm start -- --help\`).`,
    );
    this.name = 'PortInUseError';
  }
}

export interface RunningServer {
  port: number;
  url: string;
  stop(): Promise<void>;
}

/** Listens on 127.0.0.1 (port 0 picks a free one) and turns EADDRINUSE into a clear error. */
export function listen(server: Server, port: number, service: string): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? new PortInUseError(port, service) : error),
    );
    server.listen(port, '127.0.0.1', () => {
      const actual = (server.address() as { port: number }).port;
      resolve({
        port: actual,
        url: `http://127.0.0.1:${actual}`,
        stop: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

/** Checks a port is free before a child process (DynamoDB Local) or library (s3rver) tries it; 0 → a free port. */
export function claimPort(port: number, service: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? new PortInUseError(port, service) : error),
    );
    probe.listen(port, '127.0.0.1', () => {
      const actual = (probe.address() as { port: number }).port;
      probe.close(() => resolve(actual));
    });
  });
}
