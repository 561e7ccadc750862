// banmian edition: makes edition files and reads their history. An edition file (.banmian) is one
// SQLite database holding the whole edition, its photos and each article's revisions.
import { existsSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import type { CliIO } from '../io';
import { editionFileFailure } from '../errors';
import { EXIT, UsageError } from '../io';
import { parseArgs } from '../options';
import type { Edition } from '../../engine/model/types';
import { EditionError, validateEdition } from '../../engine/model/validate';
import { diffArticles, diffStats, formatDiff } from '../../engine/history/diff';
import { EditionStore, EditionFileError, EditError } from '../../electron/services/store';
import { editionJson } from '../../electron/services/edition-file';
import { readEdition } from '../edition-input';
import { blocksChars } from '../../engine/text/count';
import { sampleEdition } from '../sample';
import { writeFileAtomic } from '../../electron/services/atomic-write';
import { repairEditionFile } from '../../electron/services/store/repair';
import { SUMMARIES } from '../summaries';

export const summary = SUMMARIES.edition;

const HELP = `usage:
  banmian edition new (--sample | --from edition.json | --paper NAME --date YYYY-MM-DD) -o x.banmian [--force]
  banmian edition export x.banmian -o x.json      the whole edition as validated JSON (-o - for stdout)
  banmian edition info x.banmian                  format version, pages, articles, photos, revisions
  banmian edition history x.banmian ARTICLE       an article's revisions: id, when, who, size, note
  banmian edition diff x.banmian REV [REV2]       what changed from revision REV to REV2 (default: now)
  banmian edition restore x.banmian REV [--author NAME]
                                                  put an article back to a revision (kept undoable)
  banmian edition repair x.banmian -o fixed.banmian [--force] [--json]
                                                  a file that no longer opens, repaired into a new file:
                                                  every intact article, revision, comment and photo kept;
                                                  broken links cut, unusable placements dropped, lists
                                                  what changed (--json: as JSON). x.banmian is not changed

exit codes: 0 ok, 2 usage, 3 bad or refused input file, 4 cannot write output
`;

/** Store and model errors are the user's input problems: printed plainly, with the bad-input code. */
function asUsage(e: unknown): never {
  if (e instanceof EditionFileError) throw editionFileFailure(e);
  if (e instanceof EditError || e instanceof EditionError) throw new UsageError(e.message, EXIT.badInput);
  throw e;
}

/** Reading commands share the file with anyone; `write` (restore) holds it alone, refused while the app has it open. */
function open(path: string | undefined, opts: { author?: string; write?: boolean } = {}): EditionStore {
  if (!path) throw new UsageError('which edition file?');
  try {
    return opts.write
      ? EditionStore.open(path, { exclusive: true, ...(opts.author ? { author: opts.author } : {}) })
      : EditionStore.open(path, { readOnly: true });
  } catch (e) {
    asUsage(e);
  }
}

function revisionNumber(s: string | undefined): number {
  if (!s || !/^\d+$/.test(s))
    throw new UsageError(`"${s ?? ''}" is not a revision number (see: banmian edition history FILE ARTICLE)`);
  return Number(s);
}

/** Writes beside the target and renames, so the output is complete or absent. */
function writeAtomically(path: string, data: string): void {
  const dir = dirname(path);
  if (!existsSync(dir) || !statSync(dir).isDirectory())
    throw new UsageError(`cannot write ${path}: folder ${dir} does not exist`, EXIT.output);
  try {
    writeFileAtomic(path, data);
  } catch (e) {
    throw new UsageError(`cannot write ${path}: ${(e as Error).message}`, EXIT.output);
  }
}

const today = () => new Date().toISOString().slice(0, 10);

export async function run(argv: string[], io: CliIO): Promise<number> {
  const [sub, ...rest] = argv;
  const { opts, positional } = parseArgs(rest, {
    values: ['output', 'from', 'paper', 'date', 'author'],
    flags: ['sample', 'force', 'json', 'help'],
    short: { o: 'output' },
  });
  if (!sub || sub === '--help' || sub === '-h' || opts.help) {
    io.stdout.write(HELP);
    return sub ? EXIT.ok : EXIT.usage;
  }
  const output = opts.output;
  const author = opts.author as string | undefined;

  switch (sub) {
    case 'new': {
      if (!output) throw new UsageError('edition new needs -o FILE.banmian');
      const sources = [opts.sample, opts.from, opts.paper].filter(Boolean).length;
      if (sources !== 1)
        throw new UsageError('give one of --sample, --from edition.json, or --paper NAME (with --date)');
      let edition: Edition;
      if (opts.sample) edition = sampleEdition(positional);
      else if (typeof opts.from === 'string') edition = readEdition([opts.from], false);
      else {
        const date = typeof opts.date === 'string' ? opts.date : today();
        try {
          edition = validateEdition(
            {
              schemaVersion: 1,
              id: `ed-${date}`,
              paper: { name: opts.paper },
              date,
              issue: null,
              pages: [],
              articles: [],
              assets: [],
            },
            'new edition',
          );
        } catch (e) {
          asUsage(e);
        }
      }
      const dir = dirname(output);
      if (!existsSync(dir))
        throw new UsageError(`cannot write ${output}: folder ${dir} does not exist`, EXIT.output);
      try {
        EditionStore.create(output, edition, {
          overwrite: !!opts.force,
          ...(author ? { author } : {}),
        }).close();
      } catch (e) {
        asUsage(e);
      }
      io.stdout.write(
        `${output}: ${edition.paper.name} ${edition.date}, ${edition.pages.length} pages, ${edition.articles.length} articles, ${edition.assets.length} photos\n`,
      );
      return EXIT.ok;
    }
    case 'export': {
      if (!output) throw new UsageError('edition export needs -o FILE.json (or -o - for stdout)');
      const store = open(positional[0]);
      let json: string;
      try {
        json = editionJson(store);
      } catch (e) {
        asUsage(e);
      } finally {
        store.close();
      }
      if (output === '-') io.stdout.write(json);
      else writeAtomically(output, json);
      return EXIT.ok;
    }
    case 'info': {
      const store = open(positional[0]);
      try {
        const ed = store.load();
        const db = store.connection;
        const revs = db.prepare('SELECT COUNT(*) FROM revisions').pluck().get() as number;
        const photoBytes = db
          .prepare('SELECT COALESCE(SUM(LENGTH(data)), 0) FROM blobs')
          .pluck()
          .get() as number;
        const chars = ed.articles.reduce((n, a) => n + blocksChars(a.blocks), 0);
        io.stdout.write(
          [
            `${positional[0]}: ${ed.paper.name} ${ed.date}${ed.issue ? `, 第${ed.issue}期` : ''}`,
            `  edition format ${store.schemaVersion}, ${store.editSeq} edits saved`,
            `  ${ed.pages.length} pages: ${ed.pages.map((p) => `${p.number} ${p.section}`).join(' · ') || '—'}`,
            `  ${ed.articles.length} articles, ${chars} characters`,
            `  ${ed.assets.length} photos, ${(photoBytes / 1024 / 1024).toFixed(1)} MB`,
            `  ${revs} revisions, ${(ed.comments ?? []).length} comments`,
            '',
          ].join('\n'),
        );
      } finally {
        store.close();
      }
      return EXIT.ok;
    }
    case 'history': {
      const article = positional[1];
      if (!article) throw new UsageError('edition history needs FILE and ARTICLE id');
      const store = open(positional[0]);
      try {
        const revs = store.revisions(article);
        if (!revs.length) {
          try {
            store.getArticle(article);
          } catch (e) {
            asUsage(e);
          }
        }
        for (const r of revs)
          io.stdout.write(
            `${String(r.id).padStart(5)}  ${r.at.replace('T', ' ').slice(0, 19)}  ${r.author}  ${r.chars}字  ${r.slug}${r.note ? `  (${r.note})` : ''}\n`,
          );
        io.stdout.write(`current: ${store.getArticle(article).slug}\n`);
      } catch (e) {
        asUsage(e);
      } finally {
        store.close();
      }
      return EXIT.ok;
    }
    case 'diff': {
      const a = revisionNumber(positional[1]);
      const store = open(positional[0]);
      try {
        const from = store.revision(a);
        const to = positional[2]
          ? store.revision(revisionNumber(positional[2])).blocks
          : store.getArticle(from.article).blocks;
        const ops = diffArticles(from.blocks, to);
        const s = diffStats(ops);
        io.stdout.write(
          `${from.article}: revision ${a} → ${positional[2] ? `revision ${positional[2]}` : 'now'}: +${s.inserted} −${s.deleted} characters\n${formatDiff(ops)}\n`,
        );
      } catch (e) {
        asUsage(e);
      } finally {
        store.close();
      }
      return EXIT.ok;
    }
    case 'restore': {
      const rev = revisionNumber(positional[1]);
      const store = open(positional[0], { author, write: true });
      try {
        const r = store.revision(rev);
        const ack = store.restoreRevision(rev);
        io.stdout.write(
          `${r.article} restored to revision ${rev} (${r.at.replace('T', ' ').slice(0, 19)}, ${r.author}); edit ${ack.seq}\n`,
        );
      } catch (e) {
        asUsage(e);
      } finally {
        store.close();
      }
      return EXIT.ok;
    }
    case 'repair': {
      const input = positional[0];
      if (!input) throw new UsageError('edition repair needs the damaged FILE and -o FIXED.banmian');
      if (!output)
        throw new UsageError('edition repair needs -o FIXED.banmian (the damaged file is left as it is)');
      const dir = dirname(output);
      if (!existsSync(dir))
        throw new UsageError(`cannot write ${output}: folder ${dir} does not exist`, EXIT.output);
      let result: ReturnType<typeof repairEditionFile>;
      try {
        result = repairEditionFile(input, output, { overwrite: !!opts.force, ...(author ? { author } : {}) });
      } catch (e) {
        asUsage(e);
      }
      const ed = result.edition;
      if (opts.json) {
        io.stdout.write(
          JSON.stringify(
            {
              input,
              output,
              articles: ed.articles.length,
              photos: ed.assets.length,
              comments: (ed.comments ?? []).length,
              revisions: result.revisions,
              changes: result.changes,
            },
            null,
            2,
          ) + '\n',
        );
        return EXIT.ok;
      }
      io.stdout.write(
        `${output}：${ed.paper.name} ${ed.date}，${ed.pages.length} 个版面，${ed.articles.length} 篇稿件，${ed.assets.length} 张图片，${(ed.comments ?? []).length} 条批注，${result.revisions} 个历史版本\n`,
      );
      if (!result.changes.length) io.stdout.write('没有发现需要修复的地方；已写出一份副本。\n');
      else {
        io.stdout.write(`修复了 ${result.changes.length} 处：\n`);
        for (const c of result.changes) io.stdout.write(`  - ${c.message}\n`);
      }
      io.stdout.write(`${input} 保持原样。\n`);
      return EXIT.ok;
    }
    default:
      throw new UsageError(`unknown edition command "${sub}"\n\n${HELP}`);
  }
}
