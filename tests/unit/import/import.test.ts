import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipSync, strToU8 } from 'fflate';
import { importStoryFile, importDocx, ImportError } from '../../../electron/services/import';
import { makeDocx, makePng, makeCmykJpegHeader } from '../../support/docx';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'banmian-import-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const file = (name: string, data: Uint8Array | string) => {
  const p = join(dir, name);
  writeFileSync(p, data);
  return p;
};
const texts = (blocks: { type: string; children: { text: string }[] }[]) =>
  blocks.map((b) => [b.type, b.children.map((c) => c.text).join('')]);

describe('.docx import', () => {
  it('maps styles to heads, keeps bold and italic, and brings pictures in as assets with captions', () => {
    const png = makePng(64, 48);
    const jpeg = makeCmykJpegHeader(3000, 2000);
    const docx = makeDocx(
      [
        { style: 'a3', runs: [{ text: '共学二十大 同谱新篇章' }] },
        {
          style: 'Title',
          runs: [
            { text: '徐汇区打造', b: true },
            { text: '“学习强国”线下课堂', b: true },
          ],
        },
        { style: 'Subtitle', runs: [{ text: '开启知识竞赛活动' }] },
        {
          runs: [
            { text: '本报讯 2月15日，徐汇区委宣传部联合' },
            { text: '“学习强国”', b: true },
            { text: '上海学习平台举办' },
            { text: '线下课堂', i: true },
            { text: '启用仪式。' },
          ],
        },
        { image: 'image1.png' },
        { style: 'a5', runs: [{ text: '图为活动现场。' }] },
        { style: 'Heading3', runs: [{ text: '线下课堂有何不同' }] },
        { runs: [{ text: '这一段', bOff: true }, { text: '不加粗。' }] },
        { image: 'image2.jpeg' },
        { runs: [{ text: '（来源：徐汇区融媒体中心）' }] },
      ],
      { media: { 'image1.png': png, 'image2.jpeg': jpeg } },
    );
    const story = importStoryFile(file('story.docx', docx), { id: 'a9' });
    expect(texts(story.article.blocks)).toEqual([
      ['kicker', '共学二十大\u3000同谱新篇章'],
      ['headline', '徐汇区打造“学习强国”线下课堂'],
      ['subhead', '开启知识竞赛活动'],
      ['dateline', '本报讯'],
      ['paragraph', '2月15日，徐汇区委宣传部联合“学习强国”上海学习平台举办线下课堂启用仪式。'],
      ['photo', '图为活动现场。'],
      ['crosshead', '线下课堂有何不同'],
      ['paragraph', '这一段不加粗。'],
      ['photo', ''],
      ['source', '（来源：徐汇区融媒体中心）'],
    ]);
    expect(story.article).toMatchObject({ id: 'a9', slug: '徐汇区打造“学习强国”线下课堂', status: 'draft' });
    expect(story.article.blocks[4].children).toEqual([
      { text: '2月15日，徐汇区委宣传部联合' },
      { text: '“学习强国”', bold: true },
      { text: '上海学习平台举办' },
      { text: '线下课堂', emphasis: true },
      { text: '启用仪式。' },
    ]);
    expect(
      story.assets.map(({ mime, pixelWidth, pixelHeight, colorSpace }) => ({
        mime,
        pixelWidth,
        pixelHeight,
        colorSpace,
      })),
    ).toEqual([
      { mime: 'image/png', pixelWidth: 64, pixelHeight: 48, colorSpace: 'rgb' },
      { mime: 'image/jpeg', pixelWidth: 3000, pixelHeight: 2000, colorSpace: 'cmyk' },
    ]);
    const photo = story.article.blocks[5];
    expect(photo.type === 'photo' && photo.asset).toMatch(/^[0-9a-f]{64}$/);
    expect(story.warnings).toEqual([]);
  });

  it('reads heads from a story typed without styles by their wording, not by their position: two short lines are 主题 and 副题', () => {
    const story = importDocx(
      Buffer.from(
        makeDocx([
          { runs: [{ text: '区委全面深化改革委员会', b: true }] },
          { runs: [{ text: '第一次会议召开' }] },
          { runs: [{ text: '本报讯 2月16日，会议在区行政中心举行。' }] },
        ]),
      ),
      's.docx',
    );
    expect(texts(story.article.blocks)).toEqual([
      ['headline', '区委全面深化改革委员会'],
      ['subhead', '第一次会议召开'],
      ['dateline', '本报讯'],
      ['paragraph', '2月16日，会议在区行政中心举行。'],
    ]);
  });

  it('keeps the text of a text box and of the paragraph around it, and skips deleted revisions', () => {
    const xml = `<w:document><w:body>
      <w:p><w:r><w:t>正文前半，</w:t></w:r><w:r><mc:AlternateContent><mc:Choice><w:drawing><wps:txbx><w:txbxContent><w:p><w:r><w:t>链接：文本框里的一段话。</w:t></w:r></w:p></w:txbxContent></wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>链接：文本框里的一段话。</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r><w:r><w:t>正文后半。</w:t></w:r><w:del><w:r><w:delText>删掉的字</w:delText></w:r></w:del></w:p>
    </w:body></w:document>`;
    const story = importDocx(Buffer.from(zipSync({ 'word/document.xml': strToU8(xml) })), 's.docx');
    expect(texts(story.article.blocks)).toEqual([
      ['paragraph', '链接：文本框里的一段话。'],
      ['paragraph', '正文前半，正文后半。'],
    ]);
  });

  it('keeps an empty frame and says so for a picture that is not JPEG or PNG', () => {
    const gif = new Uint8Array([...Buffer.from('GIF89a', 'latin1'), 1, 0, 1, 0, 0, 0, 0]);
    const story = importDocx(
      Buffer.from(
        makeDocx([{ runs: [{ text: '正文。' }] }, { image: 'image1.gif' }], { media: { 'image1.gif': gif } }),
      ),
      's.docx',
    );
    expect(story.article.blocks.map((b) => b.type)).toEqual(['paragraph', 'photo']);
    expect(story.warnings).toEqual([
      'the picture image1.gif is GIF, not JPEG or PNG; an empty photo frame stands in its place',
    ]);
  });

  it('refuses a file that is not a zip, an old .doc, and a zip without a Word document', () => {
    expect(() => importStoryFile(file('a.docx', '本报讯 这不是Word文件'))).toThrow(
      /a\.docx is not a Word \.docx document: it is not a zip archive/,
    );
    expect(() => importStoryFile(file('b.docx', Buffer.from('d0cf11e0a1b11ae1000000', 'hex')))).toThrow(
      /old Word \.doc file/,
    );
    expect(() => importStoryFile(file('c.docx', zipSync({ 'readme.txt': strToU8('hello') })))).toThrow(
      /zip archive but not a Word document \(it has no word\/document\.xml\)/,
    );
    expect(() =>
      importStoryFile(
        file('d.docx', makeDocx([{ runs: [{ text: '正文' }] }], { omit: ['word/document.xml'] })),
      ),
    ).toThrow(/not a Word document/);
    const cut = makeDocx([{ runs: [{ text: '正文' }] }]);
    expect(() => importStoryFile(file('e.docx', cut.subarray(0, cut.length - 30)))).toThrow(ImportError);
  });

  it('refuses zip bombs by declared and by actual inflated size, reading little', () => {
    // 8 MB of one character compresses to a few KB; a real bomb is the same shape, only larger.
    const bomb = zipSync(
      {
        '[Content_Types].xml': strToU8('<Types/>'),
        'word/document.xml': new Uint8Array(8 * 1024 * 1024).fill(0x41),
      },
      { level: 1 },
    );
    expect(bomb.length).toBeLessThan(64 * 1024);
    const declared = (b: Buffer) => {
      const cd = b.lastIndexOf(Buffer.from('word/document.xml')) - 46;
      expect(b.readUInt32LE(cd)).toBe(0x02014b50);
      return cd + 24;
    };
    // Declaring 2 GB: refused from the directory alone, nothing inflated.
    const honest = Buffer.from(bomb);
    honest.writeUInt32LE(2 ** 31, declared(honest));
    expect(() => importDocx(honest, 'honest-bomb.docx')).toThrow(
      /document\.xml would inflate to 2048 MB, over the 32 MB limit/,
    );
    // Declaring 2 KB and inflating to 8 MB: stopped while inflating, a few KB past the claim.
    const lying = Buffer.from(bomb);
    lying.writeUInt32LE(2000, declared(lying));
    expect(() => importDocx(lying, 'lying-bomb.docx')).toThrow(
      /inflates past its declared .* \(a zip bomb\?\)/,
    );
  });

  it('answers any damage with a clear refusal or a good import, never a crash', () => {
    const good = Buffer.from(
      makeDocx(
        [
          { style: 'Title', runs: [{ text: '标题' }] },
          { runs: [{ text: '本报讯 正文。', b: true }] },
          { image: 'image1.png' },
        ],
        { media: { 'image1.png': makePng(8, 8) } },
      ),
    );
    let x = 99;
    const rand = (n: number) => {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      return (x >>> 0) % n;
    };
    let refused = 0;
    for (let i = 0; i < 300; i++) {
      const bad = Buffer.from(good);
      for (let k = 1 + rand(8); k > 0; k--) bad[rand(bad.length)] = rand(256);
      const cut = i % 5 === 0 ? bad.subarray(0, rand(bad.length)) : bad;
      try {
        importDocx(cut, 'damaged.docx');
      } catch (e) {
        expect(e, String((e as Error).stack)).toBeInstanceOf(ImportError);
        refused++;
      }
    }
    expect(refused).toBeGreaterThan(100);
  });

  it('refuses a damaged part by its checksum, and a huge file before reading it', () => {
    const docx = Buffer.from(
      zipSync(
        {
          'word/document.xml': strToU8(
            '<w:document><w:body><w:p><w:r><w:t>正文</w:t></w:r></w:p></w:body></w:document>',
          ),
        },
        { level: 0 },
      ),
    );
    docx[docx.indexOf('正文')] ^= 0x01;
    expect(() => importDocx(docx, 'x.docx')).toThrow(/fails its checksum/);
    const huge = file('huge.docx', '');
    truncateSync(huge, 65 * 1024 * 1024);
    expect(() => importStoryFile(huge)).toThrow(/huge\.docx is 65 MB, over the 64 MB a story file may be/);
  });
});

describe('.txt import', () => {
  const STORY =
    '徐汇区打造线下课堂\r\n\r\n　　本报讯 2月15日，徐汇区委宣传部举办活动。\r\n（来源：徐汇报）\r\n';
  const expected = [
    ['headline', '徐汇区打造线下课堂'],
    ['dateline', '本报讯'],
    ['paragraph', '2月15日，徐汇区委宣传部举办活动。'],
    ['source', '（来源：徐汇报）'],
  ];

  it('reads UTF-8, with or without a byte-order mark', () => {
    expect(texts(importStoryFile(file('a.txt', STORY)).article.blocks)).toEqual(expected);
    const bom = importStoryFile(
      file('b.txt', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(STORY)])),
    );
    expect(texts(bom.article.blocks)).toEqual(expected);
    expect(bom.warnings).toEqual([]);
  });

  it('detects GB18030 (GBK) text and UTF-16 from Notepad', () => {
    const gb = Buffer.from(
      'd0ecbbe3c7f8b4f2d4eccfdfcfc2bfceccc30d0a0d0aa1a1a1a1b1beb1a8d1b62032d4c23135c8d5a3acd0ecbbe3c7f8ceafd0fbb4abb2bfbed9b0ecbbeeb6afa1a30d0aa3a8c0b4d4b4a3bad0ecbbe3b1a8a3a90d0a',
      'hex',
    );
    const story = importStoryFile(file('gbk.txt', gb));
    expect(story.encoding).toBe('gb18030');
    expect(texts(story.article.blocks)).toEqual(expected);
    expect(story.warnings).toEqual(['按 GB18030 编码读入 (read as GB18030)']);
    const u16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(STORY, 'utf16le')]);
    expect(texts(importStoryFile(file('u16.txt', u16)).article.blocks)).toEqual(expected);
  });

  it('reads a .txt written with Markdown headings as Markdown: the # marks the 主题 and 小标题, not their text', () => {
    const story = importStoryFile(
      file(
        'greenway.txt',
        '# 滨江绿道全线贯通\n\n本报讯 昨天，滨江绿道最后一段建成开放。\n\n## 周末客流明显增加\n\n市民纷纷前来。\n',
      ),
    );
    const got = texts(story.article.blocks);
    expect(got[0]).toEqual(['headline', '滨江绿道全线贯通']);
    expect(got.some(([type, text]) => type === 'crosshead' && text === '周末客流明显增加')).toBe(true);
    expect(got.map(([, text]) => text).join('')).not.toContain('#');
    expect(story.warnings).toEqual(['含 # 标题，按 Markdown 读入 (read as Markdown)']);
    // A plain story with a # inside a line stays plain text.
    const plain = importStoryFile(file('plain.txt', '标题\n\n第#3号文件已经下发。\n'));
    expect(texts(plain.article.blocks).map(([, t]) => t)).toContain('第#3号文件已经下发。');
    expect(plain.warnings).toEqual([]);
  });

  it('refuses binary, wrong types, undecodable and empty files', () => {
    expect(() => importStoryFile(file('a.txt', makeDocx([{ runs: [{ text: 'x' }] }])))).toThrow(
      /not plain text: it is a zip archive/,
    );
    expect(() => importStoryFile(file('b.txt', Buffer.from([0x41, 0x00, 0x42, 0x00, 0x43])))).toThrow(
      /binary data/,
    );
    expect(() => importStoryFile(file('c.txt', Buffer.from([0xff, 0xff, 0x41, 0x81, 0x20])))).toThrow(
      /neither UTF-8 nor GB18030/,
    );
    expect(() => importStoryFile(file('d.txt', ''))).toThrow(/is empty/);
    expect(() => importStoryFile(file('e.txt', '\n\n  \n'))).toThrow(/no text to import/);
    expect(() => importStoryFile(file('f.pdf', '%PDF-1.7'))).toThrow(
      /imports \.docx, \.txt and \.md stories, not \.pdf files/,
    );
    expect(() => importStoryFile(join(dir, 'missing.txt'))).toThrow(/does not exist/);
  });
});
