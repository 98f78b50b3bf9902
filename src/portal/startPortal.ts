import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getResponse } from 'msw';
import type { HttpHandler } from 'msw';
import { createPortal } from './createPortal';
import type { Portal, PortalOptions } from './createPortal';

export interface RunningPortal {
  /** e.g. `http://127.0.0.1:54321`: give it to the SDK as `basePath`. */
  url: string;
  portal: Portal;
  close(): Promise<void>;
}

/**
 * Serves the portal's msw handlers over real HTTP on 127.0.0.1.
 * `@mswjs/http-middleware` 0.10.3 calls `handleRequest`, which msw 3 no longer exports (requests hang),
 * so this resolves requests with msw's own `getResponse` on a plain `node:http` server.
 */
export async function startPortal(options: PortalOptions & { port?: number; portal?: Portal } = {}): Promise<RunningPortal> {
  const portal = options.portal ?? createPortal(options);
  let handlers: HttpHandler[] = [];
  const server = createServer((request, response) => {
    serve(request, response, handlers).catch((error: unknown) => {
      response.statusCode = 500;
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ status: 'error', message: `Local portal failed: ${String(error)}`, correlationId: '', category: 'INTERNAL_ERROR' }));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  handlers = portal.handlers(url);
  return {
    url,
    portal,
    close: () => new Promise<void>((resolve, reject) => {
      server.close((error) => (error ? reject(error) : resolve()));
      server.closeAllConnections();
    }),
  };
}

async function serve(request: IncomingMessage, response: ServerResponse, handlers: HttpHandler[]): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const method = request.method ?? 'GET';
  // A client that gives up (closes the connection) aborts the request, so a hung handler lets go.
  const gone = new AbortController();
  response.once('close', () => gone.abort());
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  const fetchRequest = new Request(new URL(request.url ?? '/', `http://${request.headers.host ?? '127.0.0.1'}`), {
    method,
    headers,
    body: method === 'GET' || method === 'HEAD' || chunks.length === 0 ? undefined : Buffer.concat(chunks),
    signal: gone.signal,
  });
  const answer = await getResponse(handlers, fetchRequest);
  if (!answer) {
    response.statusCode = 404;
    response.setHeader('content-type', 'application/json');
    response.end(JSON.stringify({ status: 'error', message: `No route for ${method} ${request.url}`, correlationId: '', category: 'OBJECT_NOT_FOUND' }));
    return;
  }
  if (response.destroyed) return;
  response.statusCode = answer.status;
  answer.headers.forEach((value, name) => response.setHeader(name, value));
  response.end(Buffer.from(await answer.arrayBuffer()));
}
