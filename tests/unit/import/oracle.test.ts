// No text is lost on import: the text of every block the .docx importer makes, joined, equals the
// document's text as mammoth (a well-kept .docx reader) extracts it — over the LibreOffice fixtures and
// generated documents with tracked changes (insertions, deletions, moves), hidden text, symbols and
// no-break hyphens. Hidden text (w:vanish) is taken out of the document before mammoth reads it, since
// the reader does not see it; whitespace and a 副题's leading 破折号 (the layout sets it) are the
// importer's to normalise, so they are compared without.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import mammoth from 'mammoth';
import { importStoryBytes } from '../../../electron/services/import';
import { makeDocx } from '../../support/docx';

const FIXTURES = join(__dirname, '../../fixtures/import');

/** The document without the runs a reader does not see (w:vanish on the run or its character style). */
function withoutHidden(docx: Uint8Array): Buffer {
  const files = unzipSync(docx);
  const xml = strFromU8(files['word/document.xml']);
  const hidden = /<w:vanish\s*\/>|<w:vanish\s+w:val="(?:true|1|on)"\s*\/>/;
  const styles = files['word/styles.xml'] ? strFromU8(files['word/styles.xml']) : '';
  const hiddenStyles = new Set<string>();
  for (const m of styles.matchAll(/<w:style\s[^>]*w:styleId="([^"]+)"[^>]*>([\s\S]*?)<\/w:style>/g))
    if (/<w:rPr>/.test(m[2]) && hidden.test(/<w:rPr>[\s\S]*?<\/w:rPr>/.exec(m[2])![0]))
      hiddenStyles.add(m[1]);
  files['word/document.xml'] = strToU8(
    xml.replace(/<w:r(?:\s[^>]*)?>(?:(?!<\/w:r>)[\s\S])*<\/w:r>/g, (run) => {
      const rpr = /<w:rPr>[\s\S]*?<\/w:rPr>/.exec(run)?.[0] ?? '';
      const style = /<w:rStyle\s+w:val="([^"]+)"/.exec(rpr)?.[1];
      return hidden.test(rpr) ||
        (style && hiddenStyles.has(style) && !/<w:vanish\s+w:val="(?:false|0|off)"/.test(rpr))
        ? ''
        : run;
    }),
  );
  return Buffer.from(zipSync(files));
}

const paragraphs = (s: string[]) =>
  s.map((p) => p.replace(/[\s\u3000\u200b-\u200d\u2060\ufeff\u00ad]+/g, '').replace(/^[—–-]+/, '')).join('');

async function compare(docx: Uint8Array, label: string): Promise<{ imported: string; read: string }> {
  const story = importStoryBytes(Buffer.from(docx), label);
  const imported = paragraphs(story.article.blocks.map((b) => b.children.map((c) => c.text).join('')));
  const { value } = await mammoth.extractRawText({ buffer: withoutHidden(docx) });
  return { imported, read: paragraphs(value.split(/\n/)) };
}

/** A .docx with the given body paragraphs (raw WordprocessingML), with the parts Word writes. */
function docxWithBody(paras: string[]): Uint8Array {
  const files = unzipSync(makeDocx([{ runs: [{ text: '占位' }] }]));
  const xml = strFromU8(files['word/document.xml']);
  files['word/document.xml'] = strToU8(
    xml.replace(/<w:body>[\s\S]*<w:sectPr>/, `<w:body>${paras.join('\n')}<w:sectPr>`),
  );
  return zipSync(files);
}

const r = (t: string, rpr = '') =>
  `<w:r>${rpr ? `<w:rPr>${rpr}</w:rPr>` : ''}<w:t xml:space="preserve">${t}</w:t></w:r>`;

describe('the .docx importer loses no text (mammoth as the oracle)', () => {
  const fixtures = readdirSync(FIXTURES).filter((f) => f.endsWith('.docx'));
  it('has fixtures to read', () => expect(fixtures.length).toBeGreaterThanOrEqual(2));
  for (const f of fixtures) {
    it(`a LibreOffice fixture: ${f}`, async () => {
      const { imported, read } = await compare(readFileSync(join(FIXTURES, f)), f);
      expect(read.length).toBeGreaterThan(20);
      expect(imported).toBe(read);
    });
  }

  it('tracked moves, insertions and deletions as the reader sees them; hidden text out on both sides', async () => {
    const docx = docxWithBody([
      `<w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr>${r('春耕生产全面展开')}</w:p>`,
      `<w:p><w:pPr><w:pStyle w:val="Subtitle"/></w:pPr>${r('——百万亩良田播种过半')}</w:p>`,
      `<w:p>${r('本报讯（记者 王五）')}${r('连日来，各地')}<w:ins w:id="1" w:author="编辑">${r('抢抓农时，')}</w:ins><w:del w:id="2" w:author="编辑"><w:r><w:delText>删去的话，</w:delText></w:r></w:del>${r('开展春耕。')}</w:p>`,
      `<w:p><w:moveFrom w:id="3" w:author="编辑">${r('挪走的一句。')}</w:moveFrom>${r('第二段开头，')}<w:moveTo w:id="4" w:author="编辑">${r('挪走的一句。')}</w:moveTo></w:p>`,
      `<w:p>${r('温度')}<w:r><w:sym w:font="Symbol" w:char="F0B0"/></w:r>${r('C，编号A')}<w:r><w:noBreakHyphen/></w:r>${r('1')}${r('【编者注：不印】', '<w:vanish/>')}${r('。', '<w:vanish w:val="0"/>')}</w:p>`,
      `<w:p><w:pPr><w:pStyle w:val="Heading2"/></w:pPr>${r('科技助力')}</w:p>`,
      `<w:p>${r('无人机播种  覆盖面积扩大。')}<w:r><w:tab/></w:r>${r('（来源：市农业农村委）')}</w:p>`,
    ]);
    const { imported, read } = await compare(docx, 'moves.docx');
    expect(imported).toContain('抢抓农时');
    expect(imported).not.toContain('删去的话');
    expect(imported.split('挪走的一句').length).toBe(2);
    expect(imported).not.toContain('不印');
    expect(imported).toBe(read);
  });

  it('sees a lost paragraph (the oracle can fail)', async () => {
    const docx = docxWithBody([`<w:p>${r('第一段。')}</w:p>`, `<w:p>${r('第二段。')}</w:p>`]);
    const story = importStoryBytes(Buffer.from(docx), 'two.docx');
    const lossy = paragraphs(
      story.article.blocks.slice(1).map((b) => b.children.map((c) => c.text).join('')),
    );
    const { value } = await mammoth.extractRawText({ buffer: withoutHidden(docx) });
    expect(lossy).not.toBe(paragraphs(value.split(/\n/)));
  });
});
