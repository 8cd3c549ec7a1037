import { DETECT_USAGE, detectCommand } from './commands/detect';
import { SCAN_USAGE, scanCommand } from './commands/scan';
import { SIMULATE_USAGE, simulateCommand } from './commands/simulate';
import { UsageError } from './usage-error';

type Command = (
  args: readonly string[],
  io: { stdin: NodeJS.ReadableStream; stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream },
) => Promise<number>;

/** Sub-commands by name. Each parses its own options and returns its exit code. */
const COMMANDS: Record<string, { run: Command; usage: string }> = {
  detect: { run: detectCommand, usage: DETECT_USAGE },
  scan: { run: scanCommand, usage: SCAN_USAGE },
  simulate: { run: simulateCommand, usage: SIMULATE_USAGE },
};

const USAGE = ['usage: sendwarden <command> [options]', '', 'commands:']
  .concat(Object.values(COMMANDS).map((c) => '  ' + c.usage.replace(/^usage: /, '')))
  .join('\n');

/** Runs the CLI; returns the exit code (0 ok, 2 usage error). */
export async function main(
  argv: readonly string[],
  io = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr },
): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h') {
    io.stdout.write(USAGE + '\n');
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.stderr.write(`sendwarden: unknown command ${name}\n${USAGE}\n`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout.write(command.usage + '\n');
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`sendwarden ${name}: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}
