import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createReceiver } from './createReceiver';
import type { ReceiverOptions } from './createReceiver';

export interface RunningReceiver {
  url: string;
  /**
   * Stops accepting connections, lets deliveries in flight finish for `graceMs` (default 1 s), then
   * stops the rest (they answer 500, so HubSpot redelivers) and closes every connection.
   */
  close(options?: { graceMs?: number }): Promise<void>;
}

/** Starts the receiver on 127.0.0.1 (port 0 picks a free one). */
export async function startReceiver(options: ReceiverOptions & { port?: number; host?: string }): Promise<RunningReceiver> {
  const receiver = createReceiver(options);
  const server = createServer(receiver.listener);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    async close({ graceMs = 1_000 } = {}) {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      await receiver.drain(graceMs);
      server.closeAllConnections();
      await closed;
    },
  };
}
