#!/usr/bin/env node
// Builds the built-in sample edition (electron/services/sample/district-news.edition.json) from the
// district-news page content: the articles as the edition model's blocks, the page as the printed
// page was laid out on the 四开 template, and the photo of the boxed story drawn here in code
// (a grayscale PNG, the same bytes on every run), so a fresh install has everything it opens.
//
//   node scripts/make-sample-edition.mjs [path/to/district-news-page.json]
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { deflateSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const input = resolve(process.argv[2] ?? join(root, 'tests', 'fixtures', 'district-news-page.json'));
const output = join(root, 'electron', 'services', 'sample', 'district-news.edition.json');

// ---- The photo: the riverside tower of the story's venue at dusk, drawn in gray levels. ----------
const W = 760;
const H = 600;

function crc32(buf) {
  let c,
    crc = 0xffffffff;
  for (let n = 0; n < buf.length; n++) {
    c = (crc ^ buf[n]) & 0xff;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    crc = (crc >>> 8) ^ c;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

function drawPhoto() {
  const px = new Uint8Array(W * H);
  const horizon = Math.round(H * 0.66);
  // A fixed pseudo-random sequence for the windows: the picture is the same on every run.
  let seed = 20230217;
  const rand = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 4294967296;
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      // Sky: lighter towards the horizon; water below, darker with soft bands.
      px[y * W + x] =
        y < horizon
          ? 150 + Math.round(80 * (y / horizon))
          : 95 - Math.round(30 * ((y - horizon) / (H - horizon))) + (Math.floor(y / 6) % 2 ? 6 : 0);
    }
  }
  const rect = (x0, y0, x1, y1, v) => {
    for (let y = Math.max(0, y0); y < Math.min(H, y1); y++)
      for (let x = Math.max(0, x0); x < Math.min(W, x1); x++) px[y * W + x] = v;
  };
  // The far bank's low buildings.
  for (let x = 0, i = 0; x < W; i++) {
    const w = 30 + Math.floor(rand() * 50);
    const h = 40 + Math.floor(rand() * 70);
    rect(x, horizon - h, x + w - 4, horizon, 70 + Math.floor(rand() * 25));
    x += w;
  }
  // The tower: a tall slab with a lit window grid, and its reflection.
  const tx0 = 430,
    tx1 = 560,
    ttop = 60;
  rect(tx0, ttop, tx1, horizon, 45);
  rect(tx0 + 50, ttop - 40, tx0 + 56, ttop, 40);
  for (let y = ttop + 14; y < horizon - 10; y += 16) {
    for (let x = tx0 + 10; x < tx1 - 10; x += 14)
      if (rand() > 0.35) rect(x, y, x + 8, y + 9, 185 + Math.floor(rand() * 50));
  }
  for (let y = horizon; y < H; y++) {
    const fade = (y - horizon) / (H - horizon);
    for (let x = tx0 + 6; x < tx1 - 6; x++) {
      const ripple = Math.floor(y / 5) % 3 === 0 ? 10 : 0;
      px[y * W + x] = Math.round(60 + 30 * fade) + ripple;
    }
  }
  // The embankment.
  rect(0, horizon, W, horizon + 8, 55);
  const raw = Buffer.alloc((W + 1) * H);
  for (let y = 0; y < H; y++) {
    raw[y * (W + 1)] = 0;
    Buffer.from(px.buffer, y * W, W).copy(raw, y * (W + 1) + 1);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(W, 0);
  ihdr.writeUInt32BE(H, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // grayscale
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// ---- Articles ----------------------------------------------------------------------------------
const sample = JSON.parse(readFileSync(input, 'utf8'));
const text = (t) => [{ text: t }];
const png = drawPhoto();
const assetId = createHash('sha256').update(png).digest('hex');

// Where the editor broke the one-column headlines (a soft line break, Shift+Enter in the editor): at a
// word boundary, as a typesetter would, never inside 委员会.
const HEADLINE_LINES = {
  a3: '区委全面深化改革\n委员会第一次会议召开',
  a4: '区委网络安全和信息化\n委员会会议举行',
};

const articles = sample.articles.map((a) => {
  const blocks = [];
  if (a.kicker) blocks.push({ type: 'kicker', children: text(a.kicker) });
  if (a.headline) blocks.push({ type: 'headline', children: text(HEADLINE_LINES[a.id] ?? a.headline) });
  if (a.subhead) blocks.push({ type: 'subhead', children: text(a.subhead) });
  // The boxed photo story opens with its picture.
  if (a.id === 'a2') blocks.push({ type: 'photo', asset: assetId, children: text('') });
  if (a.dateline) blocks.push({ type: 'dateline', children: text(a.dateline) });
  for (const p of a.paragraphs) blocks.push({ type: 'paragraph', children: text(p) });
  if (a.source) blocks.push({ type: 'source', children: text(`（${a.source}）`) });
  const slug = a.headline ?? a.paragraphs[0].split(/[—，。]/)[0];
  return { id: a.id, slug, status: 'edited', blocks };
});

// ---- The page: 四开, 4 columns of 17 字, 70 lines of 14.3 pt; the masthead takes lines 1–10. -------
const R = (col, cols, line, lines, extra = {}) => ({ col, cols, line, lines, ...extra });
const placements = [
  {
    // The lead: headline over three columns, body in three columns under it.
    article: 'a1',
    headline: { area: R(0, 3, 10, 6), orientation: 'horizontal', align: 'center' },
    regions: [R(0, 3, 16, 19)],
    photos: [],
  },
  {
    // Beside the lead, in the fourth column.
    article: 'a4',
    headline: { area: R(3, 1, 10, 4), orientation: 'horizontal', align: 'center', style: '次主题' },
    // Its text ends a line above the foot of its area: the white line that holds the 隔线 over a3's
    // continuation, which layout draws there itself.
    regions: [R(3, 1, 14, 39)],
    photos: [],
  },
  {
    // Photo news in a ruled box: beside the photo a 12-字 measure, under it two columns of 15 字.
    article: 'a2',
    box: { inset: 1.5 },
    photos: [{ block: 0, area: R(0, 2, 35, 15, { indentRight: 14.5 }), fit: 'fill', captionLines: 0 }],
    regions: [R(0, 2, 35, 15, { indentLeft: 21.5, columns: 1 }), R(0, 2, 50, 20)],
  },
  {
    // An inverted L: down the third column, then on under the fourth column's story.
    article: 'a3',
    // The headline starts a line below the lead's columns: the 隔线 under the lead runs through that
    // white line, level with the top rule of a2's box beside it.
    headline: { area: R(2, 1, 36, 4), orientation: 'horizontal', align: 'center', style: '次主题' },
    regions: [R(2, 1, 40, 30), R(3, 1, 54, 16)],
    photos: [],
  },
];
const a2 = articles.find((a) => a.id === 'a2');
placements.find((p) => p.article === 'a2').photos[0].block = a2.blocks.findIndex((b) => b.type === 'photo');

const edition = {
  schemaVersion: 1,
  id: 'xuhui-2023-02-17',
  paper: { name: '徐汇报' },
  date: '2023-02-17',
  issue: null,
  totalIssue: null,
  pages: [{ id: 'p1', number: 1, section: '要闻', template: 'sikai', placements }],
  articles,
  assets: [
    {
      id: assetId,
      mime: 'image/png',
      pixelWidth: W,
      pixelHeight: H,
      colorSpace: 'gray',
      data: png.toString('base64'),
    },
  ],
};

mkdirSync(dirname(output), { recursive: true });
writeFileSync(output, JSON.stringify(edition, null, 1) + '\n');
console.log(`wrote ${output} (${articles.length} articles, photo ${W}×${H} px, ${png.length} bytes)`);
