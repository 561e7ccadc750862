// A newsroom edition's photos in the renderer: the layout document holds only their metadata. A photo
// placed here goes to the Node side (which stores it on the server by its hash) before the layout
// write that names it; a photo the edition names without bytes is asked for, and put into the
// session's edition when it arrives (the page repaints with it). Not to be had now (offline, nobody
// keeps it): the frame stays grey, and it is asked for again when the documents or the connection change.
import type * as Y from 'yjs';
import { layoutMap } from '../../newsroom/shared/edition-docs';
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

  /** Before the layout document is written: the session's photos it does not name yet go up first. */
  upload(layout: Y.Doc): void {
    if (!this.transport.putPhoto) return;
    const named = layoutMap(layout, 'assets');
    for (const a of this.session.edition.assets)
      if (a.data && !named.has(a.id) && !this.sent.has(a.id)) {
        this.sent.add(a.id);
        this.transport.putPhoto(a.data);
      }
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
