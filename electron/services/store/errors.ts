// Why an edition file was refused. Every message names the file, says what is wrong in the editor's
// terms, and says that the file was left as it was.

export type EditionFileProblem =
  | 'missing' // no such file
  | 'empty' // zero bytes: SQLite would happily turn it into a database, so we refuse first
  | 'not-edition' // not SQLite, or SQLite but not ours
  | 'newer' // an edition from a newer Banmian
  | 'corrupt' // ours, but damaged
  | 'invalid' // a sound database whose edition the loader refuses (broken links, missing photos …): repairable
  | 'unreadable' // permissions, a directory, I/O errors
  | 'exists' // asked to create over an existing file
  | 'in-use' // another program holds the file open: it is not replaced or rewritten underneath it
  | 'changed' // replaced, moved or written by another program since this one opened it
  | 'read-only'; // on read-only media or without write permission: it opens for reading only

export class EditionFileError extends Error {
  constructor(
    readonly problem: EditionFileProblem,
    readonly path: string,
    message: string,
  ) {
    super(message);
    this.name = 'EditionFileError';
  }
}

/** A refused edit: unknown ids, malformed blocks. The transaction rolled back; the file is unchanged. */
export class EditError extends Error {
  /** When the edit would leave an edition the loader refuses: what the loader would say. */
  constructor(
    message: string,
    readonly problems: { path: string; message: string; zh?: string }[] = [],
  ) {
    super(message);
    this.name = 'EditError';
  }
}

export function inUse(path: string): EditionFileError {
  return new EditionFileError(
    'in-use',
    path,
    `${path} 正被另一个程序打开（例如版面正在编辑它，或命令行正在改写它），为免互相覆盖，现在不能替换或改写；请等它完成或在那里关闭它再试。文件未作改动。(${path} is open in another program; close it there first. The file was not changed.)`,
  );
}

/** The open file is no longer the one this program wrote to: writing now would lose someone's work. */
export function changedUnderneath(path: string, how: 'replaced' | 'gone' | 'written'): EditionFileError {
  const what =
    how === 'written'
      ? '已被另一个程序修改（例如命令行恢复了某个版本）'
      : how === 'gone'
        ? '已被移走或删除'
        : '已被另一个程序替换';
  return new EditionFileError(
    'changed',
    path,
    `${path} ${what}；为免覆盖，本窗口中尚未保存的修改没有写入文件。请重新打开该期次。(${path} was changed by another program since it was opened here; this change was not written.)`,
  );
}

export function readOnlyFile(path: string): EditionFileError {
  return new EditionFileError(
    'read-only',
    path,
    `${path} 是只读的（只读介质、只读文件夹或没有写权限）：可以阅读、导出和印前检查，但不能修改；要修改，请另存到可写的位置。(${path} is read-only: it can be read, exported and checked, not edited.)`,
  );
}
