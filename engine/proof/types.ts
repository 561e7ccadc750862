// Proofreaders' marks as the newsroom reads them (GB/T 14706 校对符号), after they have come back
// from an annotated proof PDF and been placed on an article's characters.

/** A rectangle on the page in display-list space: points, origin top-left of the trim, y down. */
export interface PageRect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/**
 * One annotation as a PDF reader wrote it, already converted to display-list space. This is what
 * the PDF side hands the engine: plain data, nothing of the PDF's object structure.
 */
export interface ProofAnnotation {
  /** The annotation's identity inside the PDF (its object reference, e.g. "31R"). */
  id: string;
  /** PDF subtype: StrikeOut, Caret, Highlight, Underline, Squiggly, Text, FreeText, or any other. */
  subtype: string;
  rect: PageRect;
  /** One rectangle per line of marked text (text markup annotations only). */
  quads: PageRect[];
  contents: string;
  author: string;
  /** ISO 8601, or null when the reader wrote no date. */
  date: string | null;
  /** Colour of the mark as RGB 0–255; the 校次 shows in it (red, blue, green). */
  color: [number, number, number] | null;
  /** The annotation this one replies to or is grouped with (IRT), and how (RT: "R" or "Group"). */
  inReplyTo: string | null;
  replyType: 'R' | 'Group' | null;
  /** Review state set by a reply (StateModel /Review): Accepted, Rejected, Cancelled, Completed, None. */
  state: string | null;
}

/**
 * 删除 delete, 增补 insert, 改正 replace: edits that can be applied to the text.
 * 疑问 query (highlight, underline, squiggly with a question) and 说明 note: read by the editor, never applied.
 */
export type ProofMarkKind = 'delete' | 'insert' | 'replace' | 'query' | 'note';

export const KIND_NAMES: Record<ProofMarkKind, string> = {
  delete: '删除',
  insert: '增补',
  replace: '改正',
  query: '疑问',
  note: '说明',
};

export interface ProofReply {
  author: string;
  date: string | null;
  text: string;
}

/** A proofreader's mark placed on a span of one block of one article. */
export interface ProofMark {
  /** Stable within one import: page number, the PDF annotation id, and the part when a mark spans blocks. */
  id: string;
  kind: ProofMarkKind;
  page: number;
  article: string;
  /** Index of the block in the article's top-level children. */
  block: number;
  /** UTF-16 offsets of the marked span in the block's text; start === end for an insertion point. */
  start: number;
  end: number;
  /** The marked characters as they stand in the article (empty for an insertion point). */
  text: string;
  /** For insert and replace: the new text. */
  replacement: string | null;
  /** The proofreader's note (the annotation's contents), for queries and remarks. */
  note: string;
  author: string;
  date: string | null;
  /**
   * The mark's colour as #rrggbb, and the proof round (校次) it came from: the round the proof
   * carries, else the one its colour suggests (red 1, blue 2, green 3).
   */
  color: string | null;
  round: number | null;
  /** Set by a review reply in the PDF: a rejected deletion is 保留 (keep). */
  state: 'open' | 'accepted' | 'rejected';
  /** Characters either side of the span, so a mark can be checked (and found again) after edits. */
  context: { before: string; after: string };
  replies: ProofReply[];
  /** When one annotation covers several blocks it becomes one mark per block: which part this is. */
  part?: { index: number; of: number };
}

/** A mark that is on the page but on no article's text: kept and listed, never dropped. */
export interface UnplacedMark {
  id: string;
  page: number;
  subtype: string;
  at: PageRect;
  note: string;
  author: string;
  date: string | null;
  color: string | null;
  reason: string;
}

export interface PageMarks {
  marks: ProofMark[];
  unplaced: UnplacedMark[];
}

/** A piece of a proof page's text as a PDF reader extracts it: whitespace removed, display space. */
export interface PageText {
  text: string;
  /** Origin of the piece's first glyph, on its baseline. */
  x: number;
  y: number;
  w: number;
}
