import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createReceiver } from './createReceiver';
import type { ReceiverOptions } from './createReceiver';

/** Starts the receiver on 127.0.0.1 (port 0 picks a free one). */
export async function startReceiver(options: ReceiverOptions & { port?: number; host?: string }): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer(createReceiver(options));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
