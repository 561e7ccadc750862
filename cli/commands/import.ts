// banmian import: adds reporters' story files (.docx, .txt) to an edition file as draft articles, with
// their photos. All files are read and checked first; then all are added in one transaction, so a bad
// file among them changes nothing.
import type { CliIO } from '../io';
import { editionFileFailure } from '../errors';
import { EXIT, UsageError } from '../io';
import { parseArgs } from '../options';
import { EditionStore, EditionFileError, EditError } from '../../electron/services/store';
import { importStoryFile, ImportError, type ImportedStory } from '../../electron/services/import';
import { SUMMARIES } from '../summaries';

export const summary = SUMMARIES.import;

const HELP = `usage: banmian import x.banmian story.docx|story.txt [more files…] [--author NAME]

Each story becomes a draft article: heads from Word styles (or, in plain text, the short lines before
the first paragraph), dateline, body with bold and emphasis, photos. Prints each new article's id.

exit codes: 0 imported, 2 usage, 3 a story or the edition file was refused (nothing was changed),
  4 the edition file is in use by another program or read-only
`;

export async function run(argv: string[], io: CliIO): Promise<number> {
  const { opts, positional } = parseArgs(argv, { values: ['author'], flags: ['help'] });
  if (opts.help) {
    io.stdout.write(HELP);
    return EXIT.ok;
  }
  const [editionPath, ...stories] = positional;
  if (!editionPath || !stories.length) throw new UsageError(`which edition and which stories?\n\n${HELP}`);
  if (!/\.banmian$/i.test(editionPath))
    throw new UsageError(
      `${editionPath}: stories are imported into an edition file (.banmian); make one with banmian edition new`,
    );

  const imported: { path: string; story: ImportedStory }[] = [];
  for (const path of stories) {
    try {
      imported.push({ path, story: importStoryFile(path) });
    } catch (e) {
      if (e instanceof ImportError) throw new UsageError(`${e.message} Nothing was imported.`, EXIT.badInput);
      throw e;
    }
  }

  let store: EditionStore;
  try {
    store = EditionStore.open(editionPath, {
      exclusive: true,
      ...(typeof opts.author === 'string' ? { author: opts.author } : {}),
    });
  } catch (e) {
    if (e instanceof EditionFileError) throw editionFileFailure(e);
    throw e;
  }
  try {
    store.connection
      .transaction(() => {
        for (const { path, story } of imported) {
          store.addArticleWithAssets(
            story.article,
            story.assets,
            `imported from ${path.split(/[\\/]/).pop()}`,
          );
        }
      })
      .immediate();
  } catch (e) {
    if (e instanceof EditError) throw new UsageError(`${e.message}. Nothing was imported.`, EXIT.badInput);
    throw e;
  } finally {
    store.close();
  }
  for (const { path, story } of imported) {
    const a = story.article;
    const chars = a.blocks.reduce(
      (n, b) => n + b.children.reduce((k, c) => k + Array.from(c.text).length, 0),
      0,
    );
    io.stdout.write(
      `${a.id}\t${a.slug}\t${a.blocks.length} blocks, ${chars} characters, ${story.assets.length} photos\t← ${path}\n`,
    );
    for (const w of story.warnings) io.stderr.write(`banmian import: ${path}: ${w}\n`);
  }
  return EXIT.ok;
}
