// Bringing copy and photos in: 导入稿件 (插入 ▾, Ctrl+D, the palette, files dropped on the article list or the page),
// 新建稿件, 置入图片 (插入 ▾, an image dropped on the page). Files are read in the page and their bytes
// sent through the API (copy.import, photo.import), which reads them by the import rules; the articles
// and photos join the edition through the session, as one undoable step each, and autosave keeps them.
// What was recognised is shown (the blocks' roles, counted); a wrong role is corrected with the
// 段落类型 list over the editor, in one step.
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { IMPORT_MAX_FILES, PHOTO_MAX_BYTES, STORY_MAX_BYTES } from '../../electron/api';
import type { Article, Asset, BlockType } from '../../engine/model/types';
import { api } from '../api';
import { BLOCK_LABELS } from '../editor/ArticleEditor';
import type { EditionSession } from '../state/session';
import { placeDroppedPhoto, takePhotoDrop } from '../page/photo-drop';
import { gridOf } from '../page/PageView';

const STORY = /\.(docx|txt|md|markdown|text)$/i;
const PHOTO = /\.(jpe?g|png)$/i;

/** Caption is shown for a photo block that has text; the other roles by their names. */
export function importSummary(a: Article): string {
  const n = new Map<string, number>();
  for (const b of a.blocks) {
    const name = b.type === 'photo' ? (b.asset ? '图片' : '图片说明') : BLOCK_LABELS[b.type as BlockType];
    n.set(name, (n.get(name) ?? 0) + 1);
  }
  return [...n].map(([k, v]) => `${k} ${v}`).join('、');
}

function base64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

export interface ImportControls {
  importFiles(files: File[]): Promise<void>;
  choosePhoto(): void;
  chooseStories(): void;
  newArticle(): void;
}

/** The toolbar group's file inputs and result; `controls` lets the window's commands drive them (Ctrl+D, drops). */
export function ImportDialog({
  session,
  onMessage,
  controls,
  children,
}: {
  session: EditionSession;
  onMessage: (m: string) => void;
  controls: (c: ImportControls) => void;
  /** The buttons that start an import (the window's commands), told whether one is running. */
  children: (busy: boolean) => ReactNode;
}) {
  const stories = useRef<HTMLInputElement>(null);
  const photos = useRef<HTMLInputElement>(null);
  const [summary, setSummary] = useState<{ name: string; text: string; warnings: string[] }[] | null>(null);
  const [failures, setFailures] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);

  const importFiles = useCallback(
    async (files: File[]) => {
      // Where image files were dropped on the page view, if they were (a frame, free space).
      const dropTarget = takePhotoDrop(session);
      const copy = files.filter((f) => STORY.test(f.name));
      const images = files.filter((f) => PHOTO.test(f.name) || /^image\/(jpeg|png)$/.test(f.type));
      const other = files.filter((f) => !copy.includes(f) && !images.includes(f));
      const failed = other.map((f) => `${f.name}：只能导入 .docx、.txt、.md 稿件或 JPEG、PNG 图片`);
      setBusy(true);
      try {
        if (copy.length) {
          const send = [];
          for (const f of copy.slice(0, IMPORT_MAX_FILES)) {
            if (f.size > STORY_MAX_BYTES) {
              failed.push(`${f.name} 过大（上限 ${STORY_MAX_BYTES / 1048576} MB）`);
              continue;
            }
            send.push({ name: f.name, data: base64(new Uint8Array(await f.arrayBuffer())) });
          }
          if (copy.length > IMPORT_MAX_FILES)
            failed.push(`一次最多导入 ${IMPORT_MAX_FILES} 个文件，其余没有导入`);
          if (send.length) {
            const r = await api.call('copy.import', {
              files: send,
              ...(session.path && !session.readOnly ? { path: session.path } : {}),
            });
            failed.push(...r.failed.map((f) => f.message));
            const articles = r.stories.map((s) => s.article as Article);
            const assets: Asset[] = r.stories.flatMap((s) => s.assets);
            const why = session.addArticles(articles, assets, '导入稿件');
            if (why) failed.push(why);
            else
              setSummary(
                r.stories.map((s) => ({
                  name: s.name,
                  text: importSummary(s.article as Article),
                  warnings: s.warnings,
                })),
              );
          }
        }
        for (const f of images) {
          if (f.size > PHOTO_MAX_BYTES) {
            failed.push(`${f.name} 过大（上限 ${PHOTO_MAX_BYTES / 1048576} MB）`);
            continue;
          }
          const bytes = new Uint8Array(await f.arrayBuffer());
          try {
            const r = await api.call('photo.import', {
              name: f.name,
              data: base64(bytes),
              ...(session.path && !session.readOnly ? { path: session.path } : {}),
            });
            const asset = { ...r.asset, data: base64(bytes) };
            const target = images.length === 1 ? dropTarget : undefined;
            const t =
              target &&
              session.templates[session.edition.pages.find((x) => x.number === target.page)?.template ?? ''];
            const why =
              target && t
                ? placeDroppedPhoto(session, target, asset, r.caption, f.name, gridOf(t))
                : session.placePhoto(asset, r.caption, (n) => {
                    const p = session.edition.pages.find((x) => x.number === n);
                    const t = p ? session.templates[p.template] : undefined;
                    return t
                      ? {
                          pitch: t.body.pitch,
                          col: t.grid.columnWidth,
                          gutter: t.grid.gutter,
                          lines: t.grid.lines,
                        }
                      : null;
                  });
            if (why) failed.push(why);
            else
              onMessage(`已置入图片 ${f.name}${r.caption ? `（图片说明取自图片信息：${r.caption}）` : ''}`);
          } catch (e) {
            failed.push(`${f.name}：${(e as Error).message}`);
          }
        }
      } catch (e) {
        failed.push((e as Error).message);
      } finally {
        setBusy(false);
        setFailures(failed);
        if (failed.length) onMessage(failed.join('；'));
      }
    },
    [session, onMessage],
  );

  const newArticle = useCallback(() => {
    const id = `a-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
    const why = session.addArticles(
      [
        {
          id,
          slug: '新稿件',
          status: 'draft',
          blocks: [
            { type: 'headline', children: [{ text: '' }] },
            { type: 'paragraph', children: [{ text: '' }] },
          ],
        },
      ],
      [],
      '新建稿件',
    );
    onMessage(why ?? '已新建稿件：在右侧输入主题和正文');
  }, [session, onMessage]);

  useEffect(() => {
    controls({
      importFiles,
      newArticle,
      chooseStories: () => stories.current?.click(),
      choosePhoto: () => photos.current?.click(),
    });
  }, [controls, importFiles, newArticle]);

  const open = summary !== null || failures.length > 0;
  const close = useCallback(() => {
    setSummary(null);
    setFailures([]);
  }, []);
  useEffect(() => {
    // Escape closes the result, as it does every other dialog, before anything else sees the key (the
    // page tools would take it as “selection tool”); an input method's Escape is its own.
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || e.isComposing) return;
      e.preventDefault();
      e.stopPropagation();
      close();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [open, close]);

  const picked = (e: React.ChangeEvent<HTMLInputElement>) => {
    const files = [...(e.target.files ?? [])];
    e.target.value = '';
    if (files.length) void importFiles(files);
  };

  return (
    <div className="group import-group">
      {children(busy)}
      <input
        ref={stories}
        type="file"
        multiple
        accept=".docx,.txt,.md,.markdown"
        hidden
        onChange={picked}
        data-testid="import-stories-input"
      />
      <input
        ref={photos}
        type="file"
        accept="image/jpeg,image/png,.jpg,.jpeg,.png"
        hidden
        onChange={picked}
        data-testid="import-photo-input"
      />
      {open && (
        <div className="import-summary" role="dialog" aria-label="导入结果" data-testid="import-summary">
          {summary?.map((s) => (
            <p key={s.name}>
              <b>{s.name}</b>：识别为 {s.text}
              {s.warnings.length ? `（${s.warnings.join('；')}）` : ''}
            </p>
          ))}
          {failures.map((f) => (
            <p key={f} className="error">
              {f}
            </p>
          ))}
          {summary && <p className="muted">段落类型不对时，在右侧编辑器中点到该段，用“段落类型”列表改正。</p>}
          <button onClick={close}>关闭</button>
        </div>
      )}
    </div>
  );
}
