// A newsroom edition in the renderer: the edition's Yjs documents mirrored here and bound to the
// EditionSession. The session's own changes go into the documents (text through each article's
// headless Slate editor, copy-binding.ts; everything else into the layout document with
// applyEditionToLayout) and out through the transport; others' changes come in as updates and are
// applied to the session as remote changes — not recorded for undo, the open editor following with
// its caret kept, the pages they touch laid out again. Undo steps over what others changed are
// forgotten (undo-scope.ts). Presence goes out as this editor's page, article and selection.
import * as Y from 'yjs';
import type { Block, Edition } from '../../engine/model/types';
import { docsToEdition, records, applyEditionToLayout, type Entry } from '../../newsroom/shared/edition-docs';
import { copyDocName, layoutDocName, parseDocName } from '../../newsroom/shared/protocol';
import type { LocalChange } from '../state/session-state';
import type { EditionSession } from '../state/session';
import { CopyBinding } from './copy-binding';
import { LostWrites, RESTORE } from './conflicts-ui';
import { NewsroomPhotoSync } from './photos';
import { caretsIn, editorsOf, selectionToRelative, type RemoteCaret } from './presence';
import type { ConnectionState, NewsroomTransport, PresenceState, TransportEvent } from './transport';
import { editionDiff, overlaps, type Touched } from './undo-scope';

/** The articles the layout document lists (its records, not their `<id>.<field>` entries). */
const articleIds = (layout: Y.Doc): string[] => records(layout, 'articles').map((r) => r.id);

/** The origin of updates that came through the transport (never sent back). */
const REMOTE = Symbol('newsroom-remote');
/** The origin of this editor's text written by slate-yjs. */
const LOCAL = Symbol('newsroom-local');

const links = new WeakMap<EditionSession, NewsroomLink>();
/** The newsroom link of a session, if its edition is a newsroom edition (the editor and navigator read presence from it). */
export const linkOf = (session: EditionSession): NewsroomLink | undefined => links.get(session);

/** Told when any link starts, stops, or its presence or connection changes (use-presence.ts). */
const presenceListeners = new Set<() => void>();
let presenceVersion = 0;
export const presence = {
  subscribe(l: () => void): () => void {
    presenceListeners.add(l);
    return () => presenceListeners.delete(l);
  },
  version: (): number => presenceVersion,
};
function presenceChanged(): void {
  presenceVersion++;
  for (const l of presenceListeners) l();
}

export class NewsroomLink {
  readonly layout = new Y.Doc();
  private readonly copies = new Map<string, CopyBinding>();
  private readonly others = new Map<number, PresenceState>();
  private readonly synced = new Set<string>();
  private readonly waiting = new Map<string, (() => void)[]>();
  private readonly listeners = new Set<() => void>();
  private readonly stops: (() => void)[] = [];
  private started = false;
  private applying: Uint8Array | null = null;
  private refusedDoc: string | null = null;
  private sentPresence = '';
  private selection: PresenceState['selection'] = null;
  private held: { doc: Y.Doc; update: Uint8Array }[] = [];
  private selectionIn: string | null = null;
  private _state: ConnectionState;
  /** My layout writes that others' concurrent writes replaced: told, and 恢复我的改动. */
  readonly lostWrites: LostWrites;
  private readonly photos: NewsroomPhotoSync;

  constructor(
    readonly session: EditionSession,
    private readonly transport: NewsroomTransport,
    private readonly edition: string,
    readonly user: PresenceState['user'],
  ) {
    this._state = transport.state;
    this.lostWrites = new LostWrites(
      this.layout,
      user.login,
      (m) => this.session.tell(m),
      (l) => this.people.find((p) => p.user.login === l)?.user.name ?? l,
    );
    this.photos = new NewsroomPhotoSync(session, transport);
    this.stops.push(
      transport.listen((e) => this.received(e)),
      () => this.photos.stop(),
    );
    const name = layoutDocName(edition);
    this.layout.on('update', (u: Uint8Array, origin: unknown) => {
      if (origin !== REMOTE) this.transport.send(name, u);
    });
    this.layout.on('afterTransaction', (tr: Y.Transaction) => {
      if ((tr.origin === REMOTE || tr.origin === RESTORE) && this.started && tr.changed.size) {
        this.layoutMerged(tr);
        if (tr.origin === REMOTE) this.lostWrites.merged();
      }
    });
  }

  /** Follows the edition's documents, waits for them, and gives the session the edition they hold (its history starts afresh). */
  async start(): Promise<void> {
    const name = layoutDocName(this.edition);
    this.transport.open(name);
    await this.whenSynced(name);
    const ids = articleIds(this.layout);
    for (const id of ids) this.bind(id);
    await Promise.all(ids.map((id) => this.whenSynced(copyDocName(this.edition, id))));
    this.session.replaceEdition(this.assemble(null), this.session.path, this.session.label);
    this.photos.fetchMissing();
    this.started = true;
    links.set(this.session, this);
    presenceChanged();
    this.stops.push(
      this.session.onLocalChange((c) => this.local(c)),
      this.session.subscribe(() => {
        this.releaseHeld();
        this.sendPresence(false);
      }),
    );
    this.sendPresence(true);
  }

  stop(): void {
    for (const s of this.stops.splice(0)) s();
    this.transport.setPresence(null);
    this.transport.close(layoutDocName(this.edition));
    for (const [id, b] of this.copies) {
      b.destroy();
      this.transport.close(copyDocName(this.edition, id));
    }
    if (links.get(this.session) === this) links.delete(this.session);
    presenceChanged();
  }

  get state(): ConnectionState {
    return this._state;
  }
  /** Everybody else present in the edition. */
  get people(): PresenceState[] {
    return [...this.others.values()];
  }
  /** Others' carets and selections in an article, as ranges of its current blocks. */
  caretsIn(article: string): RemoteCaret[] {
    const copy = this.copies.get(article);
    return copy ? caretsIn(copy, article, this.others.values()) : [];
  }
  /** Who else has an article open (正在编辑：…). */
  editorsOf(article: string): string[] {
    return editorsOf(this.others.values(), article);
  }
  /** The copy document of an article (tests, and the Node side's replica through the transport). */
  copyDoc(article: string): Y.Doc | undefined {
    return this.copies.get(article)?.doc;
  }
  /** Told when presence or the connection changes. */
  subscribe(l: () => void): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  private emit(): void {
    for (const l of this.listeners) l();
    presenceChanged();
  }

  private whenSynced(doc: string): Promise<void> {
    if (this.synced.has(doc)) return Promise.resolve();
    return new Promise((resolve) => this.waiting.set(doc, [...(this.waiting.get(doc) ?? []), resolve]));
  }

  private bind(article: string, blocks?: Block[]): CopyBinding {
    const doc = new Y.Doc();
    // One client id for all of this editor's documents: presence names whose typing an update is.
    doc.clientID = this.layout.clientID;
    const name = copyDocName(this.edition, article);
    doc.on('update', (u: Uint8Array, origin: unknown) => {
      if (origin !== REMOTE) this.transport.send(name, u);
    });
    const b = new CopyBinding(doc, LOCAL, (ops) => {
      if (!this.started) return;
      this.session.applyRemoteText(article, ops);
      this.forget(new Set([`a:${article}`]), name, this.writersOf(this.applying));
    });
    this.copies.set(article, b);
    this.transport.open(name);
    if (blocks?.length) b.fill(blocks);
    return b;
  }

  /** The edition the documents hold; the blocks of articles `keep` has are kept (they equal the documents'). */
  private assemble(keep: Edition | null): Edition {
    for (const id of articleIds(this.layout)) if (!this.copies.has(id)) this.bind(id);
    const was = keep ?? this.session.edition;
    const data = new Map(was.assets.map((a) => [a.id, a.data]));
    const docs = new Map([...this.copies].map(([id, b]) => [id, b.doc]));
    const ed = docsToEdition(this.layout, docs, (id) => data.get(id));
    const blocks = new Map((keep?.articles ?? []).map((a) => [a.id, a.blocks]));
    return {
      ...ed,
      articles: ed.articles.map((a) => ({ ...a, blocks: blocks.get(a.id) ?? this.copies.get(a.id)!.blocks })),
    };
  }

  private local(c: LocalChange): void {
    if (!this.started) return;
    if (c.kind === 'selection') return this.sendPresence(true);
    this.photos.upload(this.layout, this.user.login);
    if (c.kind === 'text') {
      (this.copies.get(c.article) ?? this.bind(c.article)).applyLocal(c.ops);
      if (!c.comments && !c.frames) return;
    }
    if (c.kind === 'articles' && !c.removed)
      for (const a of c.articles) if (!this.copies.has(a.id)) this.bind(a.id, a.blocks);
    this.lostWrites.wrote(applyEditionToLayout(this.layout, this.session.edition, this.user.login));
  }

  private layoutMerged(tr: Y.Transaction): void {
    const was = this.session.edition;
    const next = this.assemble(was);
    const touched = editionDiff(was, next);
    if (!touched.size) return;
    const all = [...touched].some((k) => k === 'P' || k === 'S' || k === 'E');
    const articles = new Set<string>();
    for (const ed of [was, next])
      for (const p of ed.pages)
        if (touched.has(`p:${p.id}`)) for (const pl of p.placements) articles.add(pl.article);
    for (const k of touched) if (/^[mc]:/.test(k)) articles.add(k.slice(2));
    const pages = next.pages
      .filter((p) => all || touched.has(`p:${p.id}`) || p.placements.some((pl) => articles.has(pl.article)))
      .map((p) => p.number);
    this.session.applyRemoteEdition(next, pages);
    this.photos.fetchMissing();
    const logins = new Set<string>();
    for (const [type, keys] of tr.changed)
      if (type instanceof Y.Map)
        for (const k of keys) {
          const by = k === null ? undefined : (type.get(k) as Entry | undefined)?.by;
          if (by) logins.add(by);
        }
    const names = [...logins].map((l) => this.people.find((p) => p.user.login === l)?.user.name ?? l);
    this.forget(touched, layoutDocName(this.edition), names);
  }

  /** Updates held during a composition, applied once it has ended. */
  private releaseHeld(): void {
    if (!this.held.length || this.session.isComposing()) return;
    const held = this.held;
    this.held = [];
    for (const h of held) this.received({ type: 'update', doc: this.nameOf(h.doc), update: h.update });
  }

  private nameOf(doc: Y.Doc): string {
    for (const [id, b] of this.copies) if (b.doc === doc) return copyDocName(this.edition, id);
    return layoutDocName(this.edition);
  }

  /** Undo steps over what others just changed are forgotten, and the editor is told. */
  private forget(touched: Touched, doc: string, names: string[]): void {
    const n = this.session.history.forget((c) => overlaps(c, touched));
    // The server setting back a refused change: the refusal is what the editor reads.
    if (this.refusedDoc === doc) {
      this.refusedDoc = null;
      return;
    }
    if (n) this.session.tell(`${names.length ? names.join('、') : '其他人'}的改动已合并，撤销记录已清除`);
  }

  /** The names of those present whose documents wrote an update. */
  private writersOf(update: Uint8Array | null): string[] {
    if (!update) return [];
    const { structs } = Y.decodeUpdate(update);
    const clients = new Set(structs.map((s) => s.id.client));
    return this.people.filter((p) => clients.has(p.client)).map((p) => p.user.name);
  }

  private docOf(name: string): Y.Doc | undefined {
    const n = parseDocName(name);
    if (!n || n.edition !== this.edition) return undefined;
    return n.kind === 'layout' ? this.layout : this.copies.get(n.article)?.doc;
  }

  private received(e: TransportEvent): void {
    switch (e.type) {
      case 'update': {
        const doc = this.docOf(e.doc);
        if (!doc) return;
        // Others' words never land under an input method's composition: they wait for its commit.
        const n = parseDocName(e.doc);
        if (n?.kind === 'copy' && n.article === this.session.currentArticle && this.session.isComposing()) {
          this.held.push({ doc, update: e.update });
          return;
        }
        this.applying = e.update;
        try {
          Y.applyUpdate(doc, e.update, REMOTE);
        } finally {
          this.applying = null;
        }
        return;
      }
      case 'synced':
        this.synced.add(e.doc);
        for (const w of this.waiting.get(e.doc) ?? []) w();
        this.waiting.delete(e.doc);
        return;
      case 'presence':
        this.others.clear();
        for (const [k, v] of e.others) if (v.client !== this.layout.clientID) this.others.set(k, v);
        this.emit();
        return;
      case 'refused':
        this.refusedDoc = e.refused.doc;
        this.session.tell(`编辑部未接受这次改动：${e.refused.message}`);
        return;
      case 'state':
        this._state = e.state;
        this.photos.fetchMissing();
        this.emit();
        return;
    }
  }

  /**
   * Sends where this editor is when it changed. The selection is turned into relative positions only
   * when the editor moved it (or opened another article): others' typing moves it with the words.
   */
  private sendPresence(moved: boolean): void {
    const s = this.session;
    const article = s.currentArticle;
    if (moved || article !== this.selectionIn) {
      const copy = article ? this.copies.get(article) : undefined;
      const sel = s.selection;
      this.selectionIn = article;
      this.selection = copy && sel && sel.article === article ? selectionToRelative(copy, sel) : null;
    }
    const state: PresenceState = {
      user: this.user,
      client: this.layout.clientID,
      page: s.currentPage,
      article,
      selection: this.selection,
    };
    const json = JSON.stringify(state);
    if (json === this.sentPresence) return;
    this.sentPresence = json;
    this.transport.setPresence(state);
  }
}
