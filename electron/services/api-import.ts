// The API's imports: stories (.txt, .md, .docx) and photos, stored in the open file before the articles
// that show them, and annotated proof PDFs; each bounded in size before it is read.
import { PHOTO_MAX_BYTES, PROOF_MAX_BYTES, STORY_MAX_BYTES, type Handlers } from '../api';
import type { Services } from './api-services-types';
import { EditError, EditionFileError } from './store/errors';

type ImportHandlers = Pick<Handlers, 'copy.import' | 'photo.import' | 'proof.import'>;

/** `openFile`: the open edition file a path from the page names (refused when this process did not open it). */
export function importHandlers(services: Services, openFile: (typed: string) => string): ImportHandlers {
  return {
    'copy.import': async ({ files, path }) => {
      if (!services.importStory) throw new Error('导入稿件在此不可用');
      const file = path ? openFile(path) : null;
      const stories = [];
      const failed = [];
      for (const f of files) {
        const bytes = Buffer.from(f.data, 'base64');
        if (bytes.byteLength > STORY_MAX_BYTES) {
          failed.push({
            name: f.name,
            message: `${f.name} 过大（${(bytes.byteLength / 1048576).toFixed(0)} MB，上限 ${STORY_MAX_BYTES / 1048576} MB），没有导入`,
          });
          continue;
        }
        try {
          const r = services.importStory(bytes, f.name);
          if (file && r.assets.length) services.putAssets?.(file, r.assets);
          stories.push({
            name: f.name,
            article: r.article,
            warnings: r.warnings,
            assets: r.assets.map(({ bytes: b, ...a }) => ({ ...a, data: Buffer.from(b).toString('base64') })),
          });
        } catch (e) {
          if (e instanceof EditionFileError || e instanceof EditError) throw e;
          failed.push({ name: f.name, message: `无法导入 ${f.name}：${(e as Error).message}` });
        }
      }
      return { stories, failed };
    },
    'photo.import': async ({ name, data, path }) => {
      if (!services.importPhoto) throw new Error('置入图片在此不可用');
      const file = path ? openFile(path) : null;
      const bytes = Buffer.from(data, 'base64');
      if (bytes.byteLength > PHOTO_MAX_BYTES)
        throw new Error(
          `图片过大（${(bytes.byteLength / 1048576).toFixed(0)} MB，上限 ${PHOTO_MAX_BYTES / 1048576} MB）`,
        );
      const r = services.importPhoto(bytes, name);
      if (file) services.putAssets?.(file, [r.asset]);
      const { bytes: _b, ...asset } = r.asset;
      return { asset, caption: r.caption };
    },
    'proof.import': async ({ edition, pdf, name }) => {
      const bytes = Buffer.from(pdf, 'base64');
      if (bytes.byteLength > PROOF_MAX_BYTES)
        throw new Error(
          `校样文件过大（${(bytes.byteLength / 1048576).toFixed(0)} MB，上限 ${PROOF_MAX_BYTES / 1048576} MB）`,
        );
      if (bytes.subarray(0, 5).toString('latin1') !== '%PDF-')
        throw new Error(`${name ?? '所选文件'}不是 PDF 文件`);
      const r = await services.importProof(edition, new Uint8Array(bytes), name ?? 'the proof');
      return { marks: r.marks, unplaced: r.unplaced, pages: r.pages };
    },
  };
}
