#!/usr/bin/env node
// banmian — the command line over the product's services: compose, layout, export, preflight, edition, import.
import { CliIO, UsageError, EXIT } from './io';
import * as compose from './commands/compose';
import * as layout from './commands/layout';
import * as exportCmd from './commands/export';
import * as preflight from './commands/preflight';
import * as edition from './commands/edition';
import * as importCmd from './commands/import';

export interface Command {
  summary: string;
  run(argv: string[], io: CliIO): Promise<number>;
}

export const COMMANDS: Record<string, Command> = {
  compose,
  layout,
  export: exportCmd,
  preflight,
  edition,
  import: importCmd,
};

function usage(): string {
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`);
  return `usage: banmian <command> [options]\n\ncommands:\n${lines.join('\n')}\n\nexit codes: 0 ok, 1 findings (preflight errors, overset), 2 usage, 3 bad input, 4 cannot write output\n`;
}

export async function main(argv: string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(usage());
    return name ? EXIT.ok : EXIT.usage;
  }
  const cmd = COMMANDS[name];
  if (!cmd) {
    io.stderr.write(`banmian: unknown command "${name}"\n\n${usage()}`);
    return EXIT.usage;
  }
  try {
    return await cmd.run(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr.write(`banmian ${name}: ${e.message}\n`);
      return e.exitCode;
    }
    io.stderr.write(`banmian ${name}: ${(e as Error).stack ?? e}\n`);
    return 70;
  }
}

if (require.main === module) {
  main(process.argv.slice(2), { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr }).then(
    (code) => { process.exitCode = code; },
  );
}
