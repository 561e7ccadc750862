// The editor's own settings, kept between starts in the app's state folder (the desktop app's user
// data, the test host's state folder): the name that signs comments, revisions and status changes.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from './atomic-write';

export interface UserSettings {
  /** 署名: asked once at the first start. */
  userName?: string;
}

export const USER_NAME_MAX = 40;

export class SettingsFile {
  private cached: UserSettings | null = null;
  constructor(private readonly dir: string) {}

  private get file(): string {
    return join(this.dir, 'settings.json');
  }

  read(): UserSettings {
    if (this.cached) return this.cached;
    let s: UserSettings = {};
    try {
      const raw = JSON.parse(readFileSync(this.file, 'utf8')) as unknown;
      if (raw && typeof raw === 'object' && typeof (raw as UserSettings).userName === 'string')
        s = { userName: (raw as UserSettings).userName };
    } catch {
      /* no settings yet, or unreadable: asked again */
    }
    return (this.cached = s);
  }

  /** Stores the editor's name; a blank name or one over USER_NAME_MAX characters is refused in Chinese. */
  setUserName(name: string): UserSettings {
    const n = name.replace(/\s+/g, ' ').trim();
    if (!n) throw new Error('署名不能为空');
    if ([...n].length > USER_NAME_MAX) throw new Error(`署名最多 ${USER_NAME_MAX} 个字`);
    mkdirSync(this.dir, { recursive: true });
    const next = { ...this.read(), userName: n };
    writeFileAtomic(this.file, JSON.stringify(next, null, 2) + '\n', { overwrite: true });
    this.cached = next;
    return next;
  }
}
