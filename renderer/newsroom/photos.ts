// A newsroom edition's photos in the renderer: the layout document holds only their metadata. A photo
// placed here goes to the Node side (which stores it on the server by its hash) before the layout
// write that names it; a photo the edition names without bytes is asked for, and put into the
// session's edition when it arrives (the page repaints with it). Not to be had now (offline, nobody
// keeps it): the frame stays grey, and it is asked for again when the documents or the connection change.
import type * as Y from 'yjs';
import { layoutMap } from '../../newsroom/shared/edition-docs';
import { assignOrders } from '../../newsroom/shared/order';
import type { EditionSession } from '../state/session';
import type { NewsroomTransport } from './transport';

export class NewsroomPhotoSync {
  private readonly sent = new Set<string>();
  private readonly asking = new Set<string>();
  private readonly again = new Set<string>();
  private stopped = false;

  constructor(
    private readonly session: EditionSession,
    private readonly transport: NewsroomTransport,
  ) {}

  /**
   * Before the words or frames that show them are written: the session's photos the layout document
   * does not name yet go up (bytes to the Node side, in order before what follows) and into the
   * layout's `assets` map (records only) — the server checks an article's photos against that map.
   */
  upload(layout: Y.Doc, by: string): void {
    const named = layoutMap(layout, 'assets');
    const assets = this.session.edition.assets;
    const added = assets.filter((a) => !named.has(a.id));
    if (!added.length) return;
    for (const a of added)
      if (a.data && this.transport.putPhoto && !this.sent.has(a.id)) {
        this.sent.add(a.id);
        this.transport.putPhoto(a.data);
      }
    const existing = new Map<string, number>();
    for (const [k, e] of named) if (typeof e.o === 'number') existing.set(k, e.o);
    const orders = assignOrders(
      assets.map((a) => a.id),
      existing,
    );
    layout.transact(() => {
      for (const { data: _d, ...meta } of added) named.set(meta.id, { by, v: meta, o: orders.get(meta.id) });
    }, by);
  }

  /** Asks for the photos the session's edition has without their bytes. */
  fetchMissing(): void {
    if (!this.transport.photo || this.stopped) return;
    for (const a of this.session.edition.assets) if (!a.data) this.ask(a.id);
  }

  /** Asked while a request is out: asked again if that one comes back empty. */
  private ask(id: string): void {
    if (this.asking.has(id)) {
      this.again.add(id);
      return;
    }
    this.asking.add(id);
    void this.transport.photo!(id).then((data) => {
      this.asking.delete(id);
      if (this.stopped) return;
      if (data) this.arrived(id, data);
      else if (this.again.delete(id)) this.ask(id);
    });
  }

  stop(): void {
    this.stopped = true;
  }

  private arrived(id: string, data: string): void {
    const ed = this.session.edition;
    if (!ed.assets.some((a) => a.id === id && !a.data)) return;
    this.sent.add(id);
    this.session.applyRemoteEdition(
      { ...ed, assets: ed.assets.map((a) => (a.id === id ? { ...a, data } : a)) },
      [],
    );
  }
}
