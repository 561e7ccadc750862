import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliInProcess } from '../../support/cli';
import { loadSampleEdition } from '../../../electron/services/sample';
import { EditionStore } from '../../../electron/services/store';
import { makeDocx, makePng } from '../../support/docx';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'banmian-cli-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const cli = cliInProcess;

describe('banmian edition and import', () => {
  it('makes an edition file from the sample and exports it back to the same JSON', async () => {
    const x = join(dir, 'x.banmian');
    expect((await cli('edition', 'new', '--sample', '-o', x)).code).toBe(0);
    expect((await cli('edition', 'new', '--sample', '-o', x)).err).toMatch(/already exists/);
    expect((await cli('edition', 'export', x, '-o', join(dir, 'x.json'))).code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'x.json'), 'utf8'))).toEqual(loadSampleEdition());
    // And the JSON makes an equal edition file again.
    expect(
      (await cli('edition', 'new', '--from', join(dir, 'x.json'), '-o', join(dir, 'y.banmian'))).code,
    ).toBe(0);
    const y = EditionStore.open(join(dir, 'y.banmian'));
    expect(y.load()).toEqual(EditionStore.open(x).load());
    y.close();
  });

  it('imports a .docx story with its photo, then shows, compares and restores its history', async () => {
    const x = join(dir, 'x.banmian');
    await cli('edition', 'new', '--paper', '徐汇报', '--date', '2023-02-17', '-o', x);
    writeFileSync(
      join(dir, 'story.docx'),
      makeDocx(
        [
          { style: 'Title', runs: [{ text: '科创金融赋能区域发展' }] },
          { runs: [{ text: '本报讯 日前，徐汇区举行科创金融大会。' }] },
          { image: 'image1.png' },
        ],
        { media: { 'image1.png': makePng(40, 30) } },
      ),
    );
    const r = await cli('import', x, join(dir, 'story.docx'), '--author', '王记者');
    expect(r.code).toBe(0);
    const id = r.out.split('\t')[0];
    expect(r.out).toMatch(/科创金融赋能区域发展\t4 blocks, 28 characters, 1 photos/);

    const store = EditionStore.open(x, { author: '张编辑' });
    const article = store.getArticle(id);
    expect(store.load().assets).toHaveLength(1);
    store.updateArticle(
      id,
      article.blocks.map((b) =>
        b.type === 'paragraph' ? { ...b, children: [{ text: '日前，徐汇区隆重举行科创金融大会。' }] } : b,
      ),
    );
    store.close();

    const history = await cli('edition', 'history', x, id);
    expect(history.out).toMatch(/^\s+1 .* 王记者 .*\(imported from story\.docx\)/m);
    const diff = await cli('edition', 'diff', x, '1');
    expect(diff.out).toContain('日前，徐汇区{+隆重+}举行科创金融大会。');
    expect((await cli('edition', 'restore', x, '1', '--author', '张编辑')).code).toBe(0);
    const again = EditionStore.open(x);
    expect(again.getArticle(id).blocks).toEqual(article.blocks);
    again.close();
  });

  it('imports nothing when one of several stories is refused, and leaves the edition file as it was', async () => {
    const x = join(dir, 'x.banmian');
    await cli('edition', 'new', '--sample', '-o', x);
    const before = readFileSync(x);
    writeFileSync(join(dir, 'good.txt'), '标题\n正文第一段。\n');
    writeFileSync(join(dir, 'bad.docx'), 'not a zip');
    const r = await cli('import', x, join(dir, 'good.txt'), join(dir, 'bad.docx'));
    expect(r.code).toBe(3);
    expect(r.err).toMatch(/bad\.docx is not a Word \.docx document.*Nothing was imported\./);
    expect(Buffer.compare(readFileSync(x), before)).toBe(0);
  });

  it('refuses JSON that is not a valid edition, naming the problem, and writes no file', async () => {
    writeFileSync(join(dir, 'broken.json'), '{"id": "x",');
    let r = await cli('edition', 'new', '--from', join(dir, 'broken.json'), '-o', join(dir, 'x.banmian'));
    expect([r.code, r.err]).toEqual([3, expect.stringMatching(/broken\.json is not valid JSON/)]);
    const ed = loadSampleEdition();
    ed.pages[0].placements[0].article = 'nobody';
    writeFileSync(join(dir, 'wrong.json'), JSON.stringify(ed));
    r = await cli('edition', 'new', '--from', join(dir, 'wrong.json'), '-o', join(dir, 'x.banmian'));
    expect(r.code).toBe(3);
    expect(r.err).toMatch(/pages\[0\]\.placements\[0\]\.article: names the article "nobody"/);
    expect(existsSync(join(dir, 'x.banmian'))).toBe(false);
  });

  it('refuses a file that is not an edition with the bad-input code', async () => {
    writeFileSync(join(dir, 'story.banmian'), '本报讯');
    const r = await cli('edition', 'info', join(dir, 'story.banmian'));
    expect(r.code).toBe(3);
    expect(r.err).toMatch(/not a Banmian edition/);
  });
});
