import { parseArgs } from 'node:util';
import { CrmError } from '../crm';
import type { Model } from '../engine';
import { ACTIVE_MODEL } from '../models';
import { startReceiver } from '../receiver/startReceiver';
import { createModelResolver, followPublished, RECEIVER_MODEL_TTL_MS } from '../versions';
import { outputProblems } from '../rescore/outputProblems';
import { crmFromEnv } from './crmFromEnv';
import { interruptedStatus, UsageError, untilAborted, write } from './io';
import type { CliIo } from './io';
import { modelForCommand } from './modelSource';

/** Where the background rescore after a publish keeps its place (relative to the working directory). */
export const RECEIVER_CHECKPOINT = '.bant/receiver-rescore-checkpoint.json';

export const RECEIVER_HELP = `bant receiver [--port <n>] [--host <address>] [--public-url <url>] [--model <file>] [--no-rescore] [--checkpoint <file>]

A self-hosted receiver for HubSpot webhooks (POST /webhooks) and the "Recalculate BANT score"
workflow action (POST /workflow-action), or both at POST / (point BANT_RECALC_URL there), for
portals without HubSpot's endpoint functions.
Every request must carry a valid X-HubSpot-Signature-v3 made with the app's client secret.
It scores with the model version published in the portal (read again at most every 5 s, so a
publish is followed within seconds), or the bundled model while none is published; --model <file>
scores with that file instead.

After a publish it brings every contact's stored score to the new version in the background: a
rescore one window of 1,000 contacts at a time inside the same rate limit as the webhooks, that
continues from --checkpoint (default ${RECEIVER_CHECKPOINT}) after a restart, and writes its
progress (contacts done of total, errors) where the app's settings page shows it. A newer publish
replaces it. --no-rescore leaves that to bant rescore (run one receiver with it, the others without).

Environment:
  HUBSPOT_CLIENT_SECRET      the app's client secret (required)
  PRIVATE_APP_ACCESS_TOKEN   the app's access token (required)
  HUBSPOT_API_BASE_URL       default https://api.hubapi.com; the local portal's URL for a demo
  HUBSPOT_TIMEOUT_MS         per HubSpot request (default 2000: a retry still fits in a delivery)
--public-url is the base URL HubSpot calls (what it signs) when the receiver sits behind a proxy.
--port defaults to 4020; --host to 127.0.0.1.

It checks first (one request) that the portal has the contact properties it writes.
Each delivery gets 4 s for all its requests and retries (HubSpot waits 5 s): past it the answer is
500 and HubSpot redelivers. Malformed events are named and left out (400 when none is valid);
failures a redelivery cannot fix answer 422; an event handled in the last 10 minutes costs no
request when it comes again; beyond 12 deliveries at once the answer is 429 with Retry-After.
Replies carry counts only. Ctrl-C or SIGTERM: stops accepting, gives deliveries in flight 1 s to
finish, answers the rest 500 (HubSpot redelivers), exits 130 / 143.`;

/** A HubSpot request's timeout in the receiver: short enough that one retry fits in a delivery's 4 s. */
export const RECEIVER_REQUEST_TIMEOUT_MS = 2_000;

/** A delivery's first retry of a 5xx or a timeout waits 50–100 ms (then twice as long each time): it has 4 s in all. */
export const RECEIVER_RETRY = { baseDelayMs: 100 } as const;

/**
 * The receiver's CRM client options: its request timeout (unless HUBSPOT_TIMEOUT_MS sets one); the
 * chunks of one batch call (a delivery's 150 deals are two reads of 100) sent together, so they wait
 * out a 429 or a 500 side by side instead of one after the other; batch reads shared by the
 * deliveries handled side by side, so each takes fewer of the limit's requests; and quicker retries
 * of a 5xx or a timeout. The shared limiter keeps the pace; a 429 still waits out its Retry-After.
 */
export function receiverCrmOptions(env: NodeJS.ProcessEnv): { concurrency: number; shareReads: boolean; retry: typeof RECEIVER_RETRY; timeoutMs?: number } {
  return { concurrency: 5, shareReads: true, retry: RECEIVER_RETRY, ...(env.HUBSPOT_TIMEOUT_MS?.trim() ? {} : { timeoutMs: RECEIVER_REQUEST_TIMEOUT_MS }) };
}
/** How long deliveries in flight may finish after Ctrl-C: the command exits well within 2 s. */
const STOP_GRACE_MS = 1_000;

/** `bant receiver`: serves the recalculation handler over HTTP until stopped. */
export async function receiverCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { port: { type: 'string', default: '4020' }, host: { type: 'string', default: '127.0.0.1' }, 'public-url': { type: 'string' }, model: { type: 'string' }, 'no-rescore': { type: 'boolean' }, checkpoint: { type: 'string', default: RECEIVER_CHECKPOINT }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    await write(io.stdout, `${RECEIVER_HELP}\n`);
    return 0;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port "${values.port}" is not a port number (0–65535)`);
  const clientSecret = io.env.HUBSPOT_CLIENT_SECRET?.trim();
  if (!clientSecret) throw new UsageError("HUBSPOT_CLIENT_SECRET is missing: set it to the app's client secret so webhook signatures can be checked");
  // One limiter for every batch the receiver handles: concurrent deliveries stay inside the portal's limit.
  const { crm, baseUrl } = crmFromEnv(io.env, receiverCrmOptions(io.env));
  // The model is read once now (an unusable one stops the start with why), then at most every 5 s per delivery.
  const resolver = createModelResolver({ bundled: ACTIVE_MODEL, ttlMs: RECEIVER_MODEL_TTL_MS });
  const first = await modelForCommand(values.model, crm, resolver);
  const model: Model | (() => Promise<Model>) = values.model ? first.model : async () => (await resolver.resolve(crm)).model;
  // One call before serving: a portal without the properties the receiver writes would fail every delivery alike.
  let problems;
  try {
    problems = outputProblems(first.model, await crm.getProperties('contacts'));
  } catch (error) {
    if (error instanceof CrmError) throw new UsageError(`could not start: ${error.message}`);
    throw error;
  }
  if (problems.length > 0) {
    const missing = problems.filter((problem) => problem.code === 'missing_property').map((problem) => problem.property);
    const misfit = problems.filter((problem) => problem.code !== 'missing_property').map((problem) => `${problem.property}: ${problem.message}`);
    throw new UsageError(`the portal ${[
      ...(missing.length > 0 ? [`lacks ${missing.length} of the contact properties bant receiver writes (${missing.join(', ')})`] : []),
      ...(misfit.length > 0 ? [`has properties that do not fit what it writes (${misfit.join('; ')})`] : []),
    ].join(' and ')}, so no score could be stored; run bant setup (then bant check), then start bant receiver again`);
  }
  const log = (line: string) => io.stdout.write(`${new Date().toISOString()} ${line}\n`);
  const receiver = await startReceiver({
    crm, model, clientSecret, port, host: values.host, now: () => new Date(),
    ...(values['public-url'] ? { publicUrl: values['public-url'] } : {}),
    log,
  }).catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(error.code === 'EADDRINUSE' ? `port ${port} is in use; pick another with --port` : error.message);
  });
  await write(io.stdout, `bant receiver listening on ${receiver.url} (POST /, /webhooks, /workflow-action), scoring with ${first.description}\n`);
  // Every 5 s (the resolver's TTL, so deliveries share the read): has a new version been published?
  const follower = values.model || values['no-rescore'] ? null : followPublished({ crm, resolver, baseUrl, checkpointFile: values.checkpoint, now: () => new Date(), log });
  const polling = follower ? setInterval(() => void follower.check(), RECEIVER_MODEL_TTL_MS) : undefined;
  void follower?.check();
  await untilAborted(io.signal);
  clearInterval(polling);
  await write(io.stdout, `${new Date().toISOString()} stopping: no new deliveries; those in flight get ${STOP_GRACE_MS / 1000} s, then answer 500 and HubSpot redelivers them\n`);
  await Promise.all([receiver.close({ graceMs: STOP_GRACE_MS }), follower?.stop()]);
  await write(io.stdout, `${new Date().toISOString()} stopped\n`);
  return interruptedStatus(io.signal);
}
