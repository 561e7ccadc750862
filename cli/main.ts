#!/usr/bin/env node
// banmian — the command line over the product's services: compose, layout, export, preflight, edition, import, proofs, fonts.
import { CliIO, EXIT } from './io';
import { describeFailure, escapingStream } from './errors';
import { enableCompileCache, flushCompileCache } from './compile-cache';
import { SUMMARIES } from './summaries';
import { installModuleStandIns } from '../electron/services/module-stand-ins';

// Before any command is loaded: their modules (and their dependencies) are then compiled once.
if (require.main === module) enableCompileCache();

export interface Command {
  summary: string;
  run(argv: string[], io: CliIO): Promise<number>;
}

// Each command is loaded when it is run: a command's start-up pays only for the modules it uses
// (export needs no SQLite or zip reader when it prints the sample). Each is its own file in dist/
// (scripts/build-node.mjs), so the others are not even read.
export const COMMANDS: Record<string, () => Promise<Command>> = {
  compose: () => import('./commands/compose'),
  layout: () => import('./commands/layout'),
  export: () => import('./commands/export'),
  preflight: () => import('./commands/preflight'),
  edition: () => import('./commands/edition'),
  import: () => import('./commands/import'),
  proofs: () => import('./commands/proofs'),
  fonts: () => import('./commands/fonts'),
};

async function usage(): Promise<string> {
  const lines: string[] = [];
  for (const name of Object.keys(COMMANDS))
    lines.push(`  ${name.padEnd(10)} ${SUMMARIES[name as keyof typeof SUMMARIES]}`);
  return `usage: banmian <command> [options]\n\ncommands:\n${lines.join('\n')}\n\nexit codes: 0 ok, 1 findings (preflight errors, overset), 2 usage, 3 bad input, 4 cannot write output, 70 internal error\n`;
}

export async function main(argv: string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(await usage());
    return name ? EXIT.ok : EXIT.usage;
  }
  const load = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!load) {
    io.stderr.write(`banmian: unknown command "${name}"\n\n${await usage()}`);
    return EXIT.usage;
  }
  try {
    // zlib for the Unicode tables linebreak and fontkit inflate when loaded, pdfkit's AES when used.
    installModuleStandIns();
    return await (await load()).run(rest, io);
  } catch (e) {
    const { code, message } = describeFailure(e, rest);
    io.stderr.write(`banmian ${name}: ${message}\n`);
    if (process.env.BANMIAN_DEBUG === '1' && e instanceof Error && e.stack) io.stderr.write(`${e.stack}\n`);
    return code;
  }
}

if (require.main === module) {
  // A reader that stops early (`banmian layout --json | head`) closes the pipe: that is not an error.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
  // What the commands print passes one escaping: control characters in user content are shown, not obeyed.
  main(process.argv.slice(2), {
    stdin: process.stdin,
    stdout: escapingStream(process.stdout),
    stderr: escapingStream(process.stderr),
  }).then((code) => {
    flushCompileCache();
    process.exitCode = code;
  });
}
