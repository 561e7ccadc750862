// What the API handlers log for newsroom IT: every failure with what was asked, and the opens, saves
// and exports that succeed.
import type { Edition } from '../../engine/model/types';
import type { Handlers } from '../api';
import type { LogContext, Logger } from './log';
import { PathRefused } from './api-paths';

/** What a request was about, for the log: paths, presets and pages, the edition by name; never its text. */
export function requestContext(method: string, req: unknown): LogContext {
  const ctx: LogContext = { method };
  const r = (req ?? {}) as Record<string, unknown>;
  for (const k of ['path', 'from', 'target', 'preset', 'pages', 'template', 'face', 'name', 'force']) {
    const v = r[k];
    // Page numbers, not the pages an autosave sends.
    if (
      typeof v === 'string' ||
      typeof v === 'number' ||
      typeof v === 'boolean' ||
      (Array.isArray(v) && v.every((x) => typeof x === 'number'))
    )
      ctx[k] = v;
  }
  if (Array.isArray(r.articles)) ctx.articles = r.articles.length;
  const ed = r.edition as Edition | undefined;
  if (ed && typeof ed === 'object' && ed.paper) ctx.edition = `${ed.id} ${ed.paper.name} ${ed.date}`;
  return ctx;
}

// Successes worth a line for IT: files opened, written and exported (not autosaves, which are many).
const LOGGED: Partial<Record<keyof Handlers, (res: Record<string, unknown>) => LogContext | null>> = {
  'edition.open': (r) => (r.cancelled ? null : { opened: r.path ?? 'JSON (no file)' }),
  'edition.new': (r) => (r.cancelled ? null : { created: r.path }),
  'edition.saveAs': (r) => (r.cancelled ? null : { saved: r.path }),
  'pdf.export': (r) =>
    r.cancelled
      ? null
      : { files: (r.files as { path: string; bytes: number }[]).map((f) => `${f.path} (${f.bytes} bytes)`) },
  'proof.import': (r) => ({
    marks: (r.marks as unknown[]).length,
    unplaced: (r.unplaced as unknown[]).length,
  }),
};

/** The handlers, each failure logged with what was asked, and opens, saves and exports logged when done. */
export function loggedHandlers(handlers: Handlers, log: Logger): Handlers {
  const out = {} as Record<string, (req: unknown) => Promise<unknown>>;
  for (const [method, handler] of Object.entries(handlers) as [
    keyof Handlers,
    (req: unknown) => Promise<unknown>,
  ][]) {
    out[method] = async (req) => {
      try {
        const res = await handler(req);
        const done = LOGGED[method]?.(res as Record<string, unknown>);
        if (done) log.info(method, { ...requestContext(method, req), ...done });
        return res;
      } catch (e) {
        // A refused path is the editor's mistake, not a fault: a warning; anything else an error.
        if (e instanceof PathRefused) log.warn(`${method} refused`, requestContext(method, req), e.message);
        else log.error(`${method} failed`, requestContext(method, req), e);
        throw e;
      }
    };
  }
  return out as unknown as Handlers;
}
