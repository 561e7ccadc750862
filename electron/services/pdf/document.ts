// pdfkit's document with what print needs and pdfkit lacks: a document information dictionary
// written directly (names where PDF/X wants names, ModDate), a fixed file ID, our own XMP packet,
// and no default Helvetica (an unembedded base-14 font object must never reach a print file).
import PDFDocument from 'pdfkit';
import { XMP_PROOF_NS, XMP_PROOF_PREFIX } from '../proof/identity';

export interface PdfkitRef {
  data: Record<string, unknown>;
  write(chunk: Buffer | Uint8Array | string): void;
  end(chunk?: Buffer | Uint8Array | string): void;
  compress: boolean;
}

interface Internals {
  page: {
    dictionary: PdfkitRef;
    resources: PdfkitRef;
    fonts: Record<string, unknown>;
    xobjects: Record<string, unknown>;
    ext_gstates: Record<string, unknown>;
    annotations: unknown[];
  };
  _root: PdfkitRef;
  _info: PdfkitRef;
  _id: Buffer;
  _fontFamilies: Record<string, { finalize(): void }>;
  _font: unknown;
  version: number;
  ref(data?: Record<string, unknown>): PdfkitRef;
  addContent(s: string): void;
  flushPages(): void;
  endOutline(): void;
  endMarkings(): void;
  endSubset(): void;
  endAcroForm(): void;
  subset?: unknown;
  _security?: { end(): void };
  _waiting: number;
  _ended: boolean;
  _finalize(): void;
  font(src: unknown): unknown;
  on(ev: string, fn: (...a: unknown[]) => void): void;
  addPage(opts: Record<string, unknown>): void;
}

export type PdfDoc = Internals;

export interface DocumentSetup {
  version: '1.4' | '1.6';
  /** Document information entries: strings become PDF text strings, `names` become PDF names. */
  info: Record<string, string | Date>;
  names: Record<string, string>;
  id: Buffer;
  xmp: string | null;
}

export function createDocument(setup: DocumentSetup): PdfDoc {
  const doc = new PDFDocument({
    autoFirstPage: false,
    pdfVersion: setup.version,
    compress: true,
    font: null as unknown as string,
    info: { CreationDate: setup.info.CreationDate as Date },
  }) as unknown as PdfDoc;
  doc._id = setup.id;
  const d = doc as unknown as Record<string, unknown>;
  d.endMetadata = function endMetadata(this: PdfDoc) {
    if (!setup.xmp) return;
    const ref = this.ref({ Type: 'Metadata', Subtype: 'XML' });
    // Metadata stays uncompressed so prepress tools that scan for the packet can read it.
    ref.compress = false;
    ref.end(Buffer.from(setup.xmp, 'utf8'));
    this._root.data.Metadata = ref;
  };
  d.end = function end(this: PdfDoc) {
    this.flushPages();
    const info: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(setup.info)) info[k] = v instanceof Date ? v : new String(v);
    for (const [k, v] of Object.entries(setup.names)) info[k] = v;
    this._info = this.ref(info);
    this._info.end();
    for (const name in this._fontFamilies) this._fontFamilies[name].finalize();
    this.endOutline();
    this.endMarkings();
    if (this.subset) this.endSubset();
    (this as unknown as { endMetadata(): void }).endMetadata();
    this._root.end();
    (this._root.data.Pages as PdfkitRef).end();
    (this._root.data.Names as PdfkitRef).end();
    this.endAcroForm();
    if (this._security) this._security.end();
    if (this._waiting === 0) this._finalize();
    else this._ended = true;
  };
  return doc;
}

/** Runs the document to its end and collects the bytes. */
export function finish(doc: PdfDoc): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c) => chunks.push(c as Buffer));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', (e) => reject(e));
    (doc as unknown as { end(): void }).end();
  });
}

const xmlEscape = (s: string): string =>
  s.replace(
    /[<>&"']/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!,
  );

/** XMP kept in step with the information dictionary; PDF/X-4 identifies itself here (pdfxid). */
export function xmpPacket(o: {
  title: string;
  creator: string;
  producer: string;
  created: string;
  pdfx?: string;
  trapped: string;
  documentId: string;
  proof?: string;
}): string {
  return `<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
    xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/"${o.pdfx ? '\n    xmlns:pdfxid="http://www.npes.org/pdfx/ns/id/"' : ''}>
   <xmp:CreateDate>${o.created}</xmp:CreateDate>
   <xmp:ModifyDate>${o.created}</xmp:ModifyDate>
   <xmp:MetadataDate>${o.created}</xmp:MetadataDate>
   <xmp:CreatorTool>${xmlEscape(o.creator)}</xmp:CreatorTool>
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">${xmlEscape(o.title)}</rdf:li></rdf:Alt></dc:title>
   <pdf:Producer>${xmlEscape(o.producer)}</pdf:Producer>
   <pdf:Trapped>${o.trapped}</pdf:Trapped>
   <xmpMM:DocumentID>uuid:${o.documentId}</xmpMM:DocumentID>
   <xmpMM:InstanceID>uuid:${o.documentId}</xmpMM:InstanceID>
   <xmpMM:VersionID>1</xmpMM:VersionID>
   <xmpMM:RenditionClass>default</xmpMM:RenditionClass>${o.pdfx ? `\n   <pdfxid:GTS_PDFXVersion>${o.pdfx}</pdfxid:GTS_PDFXVersion>` : ''}
  </rdf:Description>${o.proof ? `\n  <rdf:Description rdf:about=""\n    xmlns:${XMP_PROOF_PREFIX}="${XMP_PROOF_NS}">\n   <${XMP_PROOF_PREFIX}:Identification>${xmlEscape(o.proof)}</${XMP_PROOF_PREFIX}:Identification>\n  </rdf:Description>` : ''}
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>`;
}
