// Loopback peers for the runtime proofs. Only 127.0.0.1, bounded, closed by the test.
import { createServer, type Server, type Socket } from 'node:net';

export interface LoopbackServer {
  port: number;
  /** Connections accepted so far. */
  connections(): number;
  close(): Promise<void>;
}

/**
 * A server on 127.0.0.1 that hands each newline-terminated line a client sends to `onLine`, with the
 * socket and the connection's number (1, 2, ...). Closing it destroys the open connections.
 */
async function startLineProtocolServer(
  onLine: (line: string, socket: Socket, connection: number) => void,
): Promise<LoopbackServer> {
  let accepted = 0;
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    accepted++;
    const connection = accepted;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    socket.setEncoding('utf8');
    let buffer = '';
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      let newline: number;
      while ((newline = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 1);
        onLine(line, socket, connection);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return {
    port: address.port,
    connections: () => accepted,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A line server on 127.0.0.1 that answers `ping` with `pong <connection number>`. */
export function startPingServer(): Promise<LoopbackServer> {
  return startLineProtocolServer((line, socket, connection) => {
    if (line === 'ping') socket.write(`pong ${connection}\n`);
  });
}

export interface LineServer extends LoopbackServer {
  /** Complete lines received so far, over all connections. */
  lines(): string[];
  /** Resolves when `done(lines)` holds, or after `timeoutMs` with what arrived by then. */
  waitFor(done: (lines: string[]) => boolean, timeoutMs: number): Promise<string[]>;
}

/** A collector on 127.0.0.1 that records the lines its clients send. */
export async function startLineServer(): Promise<LineServer> {
  const received: string[] = [];
  const server = await startLineProtocolServer((line) => received.push(line));
  return {
    ...server,
    lines: () => [...received],
    async waitFor(done, timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      while (!done([...received]) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      return [...received];
    },
  };
}
