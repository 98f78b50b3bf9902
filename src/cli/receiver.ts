import { parseArgs } from 'node:util';
import { startReceiver } from '../receiver/startReceiver';
import { crmFromEnv } from './crmFromEnv';
import { loadModel, UsageError, untilAborted, write } from './io';
import type { CliIo } from './io';

export const RECEIVER_HELP = `bant receiver [--port <n>] [--host <address>] [--public-url <url>] [--model <file>]

A self-hosted receiver for HubSpot webhooks (POST /webhooks) and the "Recalculate BANT score"
workflow action (POST /workflow-action), or both at POST / (point BANT_RECALC_URL there), for
portals without HubSpot's endpoint functions.
Every request must carry a valid X-HubSpot-Signature-v3 made with the app's client secret.

Environment:
  HUBSPOT_CLIENT_SECRET      the app's client secret (required)
  PRIVATE_APP_ACCESS_TOKEN   the app's access token (required)
  HUBSPOT_API_BASE_URL       default https://api.hubapi.com; the local portal's URL for a demo
--public-url is the base URL HubSpot calls (what it signs) when the receiver sits behind a proxy.
--port defaults to 4020; --host to 127.0.0.1.`;

/** `bant receiver`: serves the recalculation handler over HTTP until stopped. */
export async function receiverCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { port: { type: 'string', default: '4020' }, host: { type: 'string', default: '127.0.0.1' }, 'public-url': { type: 'string' }, model: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    await write(io.stdout, `${RECEIVER_HELP}\n`);
    return 0;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port "${values.port}" is not a port number (0–65535)`);
  const clientSecret = io.env.HUBSPOT_CLIENT_SECRET?.trim();
  if (!clientSecret) throw new UsageError("HUBSPOT_CLIENT_SECRET is missing: set it to the app's client secret so webhook signatures can be checked");
  const model = await loadModel(values.model);
  // One limiter for every batch the receiver handles: concurrent deliveries stay inside the portal's limit.
  const { crm } = crmFromEnv(io.env);
  const receiver = await startReceiver({
    crm, model, clientSecret, port, host: values.host, now: () => new Date(),
    ...(values['public-url'] ? { publicUrl: values['public-url'] } : {}),
    log: (line) => io.stdout.write(`${new Date().toISOString()} ${line}\n`),
  }).catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(error.code === 'EADDRINUSE' ? `port ${port} is in use; pick another with --port` : error.message);
  });
  await write(io.stdout, `bant receiver listening on ${receiver.url} (POST /, /webhooks, /workflow-action), model ${model.version}\n`);
  await untilAborted(io.signal);
  await receiver.close();
  return 0;
}
