import packageJson from '../../package.json' with { type: 'json' };
import { UsageError } from './usageError';
import type { CliIo } from './io';

type Run = (args: string[], io: CliIo) => Promise<number>;
type Command = { load: () => Promise<Run>; summary: string };

// Each command is loaded when it runs, so `bant score` starts without the HubSpot client.
const COMMANDS: Record<string, Command> = {
  demo: { load: async () => { const { demoCommand } = await import('./demo'); return (args, io) => demoCommand(args, io, main); }, summary: 'npm start: the demo portal, setup, rescore, receiver and scripted deal changes' },
  score: { load: async () => (await import('./score')).scoreCommand, summary: 'score leads offline from JSON or NDJSON (see bant score --help)' },
  extract: { load: async () => (await import('./extract')).extractCommand, summary: 'suggest BANT answers with quoted evidence from call notes, meetings, notes, emails (JSONL in and out)' },
  backtest: { load: async () => (await import('./backtest')).backtestCommand, summary: 'test the model against closed leads: precision, recall, win rate by grade and answer' },
  rescore: { load: async () => (await import('./rescore')).rescoreCommand, summary: 'bring every contact\'s derived BANT properties up to date (--since, --ids, --dry-run; resumable)' },
  receiver: { load: async () => (await import('./receiver')).receiverCommand, summary: 'receive signed HubSpot webhooks and workflow actions, recalculate contacts' },
  sync: { load: async () => (await import('./sync')).syncCommand, summary: 'regenerate the HubSpot config that follows from the model (--check: exit 1 if stale)' },
  setup: { load: async () => (await import('./setup')).setupCommand, summary: 'create the property group and every property the model needs in the portal (--dry-run, --add-options)' },
  check: { load: async () => (await import('./check')).checkCommand, summary: 'check the model file, then its property mappings against the portal (--offline, --json)' },
  explain: { load: async () => (await import('./explain')).explainCommand, summary: 'one contact: breakdown, stored values, override, and who changed what and why the score moved' },
  model: { load: async () => (await import('./model')).modelCommand, summary: 'the model\'s versions in the portal (history, pull, push, publish, rollback, diff) and the presets (list, use)' },
};

const HELP = `bant: BANT qualification for HubSpot

Commands:
${Object.entries(COMMANDS).map(([name, c]) => `  bant ${name.padEnd(10)} ${c.summary}`).join('\n')}

Run "bant <command> --help" for its options, "bant --version" for the version.`;

/** The command line: dispatches to a command and turns user mistakes into a message and exit status 2. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(`${HELP}\n`);
    return name ? 0 : 2;
  }
  if (name === '--version' || name === '-v' || name === 'version') {
    io.stdout.write(`bant ${packageJson.version}\n`);
    return 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.stderr.write(`bant: "${name}" is not a command; run "bant --help" for the list\n`);
    return 2;
  }
  try {
    const run = await command.load();
    return await run(args, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`bant ${name}: ${error.message}\n`);
      return error.exitCode;
    }
    if (error instanceof TypeError && (error as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS')) {
      io.stderr.write(`bant ${name}: ${error.message}; run "bant ${name} --help"\n`);
      return 2;
    }
    throw error;
  }
}

