import { parseArgs } from 'node:util';
import { runDemo } from '../demo/runDemo';
import { interruptedStatus, loadModel, UsageError, untilAborted, write } from './io';
import type { CliIo } from './io';

export const DEMO_HELP = `bant demo [--portal-port <n>] [--port <n>] [--contacts <n>] [--once]

The main job on an embedded default (npm start): a local HubSpot-compatible portal seeded with a
demo account, the bundled model with deal committees turned on (bant setup, model push and publish,
bant rescore of contacts, then deals), the receiver, and a scripted series of deal changes sent as
signed webhooks, printing which contacts and deals changed and their score before → after, ending
with a director joining a deal's buying committee, which qualifies the deal. Serves until
Ctrl-C (--once: stop after the script). Ports default to 4010 (portal) and 4020 (receiver).`;

type Bant = (argv: string[], io: CliIo) => Promise<number>;

/** `bant demo`: runs the demo; `bant` runs the other commands against the demo portal. */
export async function demoCommand(args: string[], io: CliIo, bant: Bant): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      'portal-port': { type: 'string', default: '4010' }, port: { type: 'string', default: '4020' },
      contacts: { type: 'string', default: '300' }, once: { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    await write(io.stdout, `${DEMO_HELP}\n`);
    return 0;
  }
  const number = (name: string, text: string, max: number) => {
    const value = Number(text);
    if (!Number.isInteger(value) || value < 0 || value > max) throw new UsageError(`--${name} "${text}" is not a whole number from 0 to ${max}`);
    return value;
  };
  const demo = await runDemo({
    model: await loadModel(undefined),
    out: io.stdout,
    bant: (argv, env) => bant(argv, { ...io, env: { ...io.env, ...env } }),
    portalPort: number('portal-port', values['portal-port'], 65535),
    receiverPort: number('port', values.port, 65535),
    contacts: number('contacts', values.contacts, 5000),
    once: values.once ?? false,
  }).catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(error.code === 'EADDRINUSE' ? 'a demo port is in use; pick others with --portal-port and --port (0 picks free ones)' : error.message);
  });
  if (values.once) {
    await demo.close();
    return 0;
  }
  await untilAborted(io.signal);
  await demo.close();
  return interruptedStatus(io.signal);
}
