// Why an edition file was refused. Every message names the file, says what is wrong in the editor's
// terms, and says that the file was left as it was.

export type EditionFileProblem =
  | 'missing'      // no such file
  | 'empty'        // zero bytes: SQLite would happily turn it into a database, so we refuse first
  | 'not-edition'  // not SQLite, or SQLite but not ours
  | 'newer'        // an edition from a newer Banmian
  | 'corrupt'      // ours, but damaged
  | 'invalid'      // a sound database whose edition the loader refuses (broken links, missing photos …): repairable
  | 'unreadable'   // permissions, a directory, I/O errors
  | 'exists';      // asked to create over an existing file

export class EditionFileError extends Error {
  constructor(readonly problem: EditionFileProblem, readonly path: string, message: string) {
    super(message);
    this.name = 'EditionFileError';
  }
}

/** A refused edit: unknown ids, malformed blocks. The transaction rolled back; the file is unchanged. */
export class EditError extends Error {
  /** When the edit would leave an edition the loader refuses: what the loader would say. */
  constructor(message: string, readonly problems: { path: string; message: string; zh?: string }[] = []) {
    super(message);
    this.name = 'EditError';
  }
}
