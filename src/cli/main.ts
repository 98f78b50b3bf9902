import { UsageError } from './io';
import type { CliIo } from './io';
import { receiverCommand } from './receiver';
import { rescoreCommand } from './rescore';
import { backtestCommand } from './backtest';
import { demoCommand } from './demo';
import { scoreCommand } from './score';
import { syncCommand } from './sync';
import { setupCommand } from './setup';
import { checkCommand } from './check';
import { modelCommand } from './model';
import { explainCommand } from './explain';
import { extractCommand } from './extract';

type Command = { run: (args: string[], io: CliIo) => Promise<number>; summary: string };

const COMMANDS: Record<string, Command> = {
  demo: { run: (args, io) => demoCommand(args, io, main), summary: 'npm start: the demo portal, setup, rescore, receiver and scripted deal changes' },
  score: { run: scoreCommand, summary: 'score leads offline from JSON or NDJSON (see bant score --help)' },
  extract: { run: extractCommand, summary: 'suggest BANT answers with quoted evidence from call notes, meetings, notes, emails (JSONL in and out)' },
  backtest: { run: backtestCommand, summary: 'test the model against closed leads: precision, recall, win rate by grade and answer' },
  rescore: { run: rescoreCommand, summary: 'bring every contact\'s derived BANT properties up to date (--since, --ids, --dry-run; resumable)' },
  receiver: { run: receiverCommand, summary: 'receive signed HubSpot webhooks and workflow actions, recalculate contacts' },
  sync: { run: syncCommand, summary: 'regenerate the HubSpot config that follows from the model (--check: exit 1 if stale)' },
  setup: { run: setupCommand, summary: 'create the property group and every property the model needs in the portal (--dry-run, --add-options)' },
  check: { run: checkCommand, summary: 'check the model file, then its property mappings against the portal (--offline, --json)' },
  explain: { run: explainCommand, summary: 'one contact: breakdown, stored values, override, and who changed what and why the score moved' },
  model: { run: modelCommand, summary: 'the model\'s versions in the portal (history, pull, push, publish, rollback, diff) and the presets (list, use)' },
};

const HELP = `bant: BANT qualification for HubSpot

Commands:
${Object.entries(COMMANDS).map(([name, c]) => `  bant ${name.padEnd(10)} ${c.summary}`).join('\n')}

Run "bant <command> --help" for its options.`;

/** The command line: dispatches to a command and turns user mistakes into a message and exit status 2. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(`${HELP}\n`);
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.stderr.write(`bant: "${name}" is not a command; run "bant --help" for the list\n`);
    return 2;
  }
  try {
    return await command.run(args, io);
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

