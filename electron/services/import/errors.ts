/** A story file that cannot be imported. The message says why in the editor's terms; nothing was changed. */
export class ImportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportError';
  }
}

/** Limits that keep a hostile file from taking the machine: sizes before and after inflating. */
export const LIMITS = {
  /** A .docx on disk. Reporters' files with photos are a few MB. */
  docxBytes: 64 * 1024 * 1024,
  /** A .txt on disk: a newspaper story is under 100 KB; 4 MB is a book. */
  txtBytes: 4 * 1024 * 1024,
  /** document.xml and the other XML parts, inflated. */
  xmlPartBytes: 32 * 1024 * 1024,
  /** One embedded image, inflated. */
  imageBytes: 40 * 1024 * 1024,
  /** Everything read from one .docx, inflated. */
  totalInflated: 160 * 1024 * 1024,
  /** Entries in the zip directory. */
  zipEntries: 20_000,
} as const;

export function mb(n: number): string {
  return `${(n / 1024 / 1024).toFixed(n < 10 * 1024 * 1024 ? 1 : 0)} MB`;
}
