// Real .docx files for import tests, written with a zip writer: the parts Word writes, with heading
// styles, bold and italic runs, a caption and embedded pictures.
import { zipSync, strToU8 } from 'fflate';
import { png } from './images';

export interface DocxPara {
  style?: string;
  runs?: { text: string; b?: boolean; i?: boolean; bOff?: boolean }[];
  image?: string;
  br?: boolean;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A valid RGB PNG of the given size (a grey ramp). */
export function makePng(w: number, h: number): Uint8Array {
  const samples = Array.from(
    { length: w * 3 * h },
    (_, i) => ((i % (w * 3)) + Math.floor(i / (w * 3))) & 0xff,
  );
  return new Uint8Array(png({ width: w, height: h, colorType: 2, bitDepth: 8, samples }));
}

/** The header of a CMYK JPEG (SOI, APP14 Adobe, SOF0 with 4 components) — enough for asset metadata. */
export function makeCmykJpegHeader(w: number, h: number): Uint8Array {
  const app14 = [
    0xff,
    0xee,
    0x00,
    0x0e,
    ...Buffer.from('Adobe', 'latin1'),
    0x00,
    0x64,
    0x00,
    0x00,
    0x00,
    0x00,
    0x02,
  ];
  const sof = [
    0xff,
    0xc0,
    0x00,
    0x14,
    0x08,
    h >> 8,
    h & 0xff,
    w >> 8,
    w & 0xff,
    0x04,
    1,
    0x11,
    0,
    2,
    0x11,
    0,
    3,
    0x11,
    0,
    4,
    0x11,
    0,
  ];
  return new Uint8Array([0xff, 0xd8, ...app14, ...sof, 0xff, 0xd9]);
}

export function makeDocx(
  paras: DocxPara[],
  opts: { styles?: Record<string, string>; media?: Record<string, Uint8Array>; omit?: string[] } = {},
): Uint8Array {
  const styles = opts.styles ?? {
    Title: 'Title',
    Heading1: 'heading 1',
    Heading2: 'heading 2',
    Heading3: 'heading 3',
    Subtitle: 'Subtitle',
    a3: '引题',
    a5: '题注',
  };
  const media = opts.media ?? {};
  const rels = Object.keys(media).map(
    (m, k) =>
      `<Relationship Id="rIdImg${k}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/${m}"/>`,
  );
  const relId = (m: string) => `rIdImg${Object.keys(media).indexOf(m)}`;
  const body = paras
    .map((p) => {
      const ppr = p.style ? `<w:pPr><w:pStyle w:val="${p.style}"/><w:jc w:val="center"/></w:pPr>` : '';
      const runs = (p.runs ?? [])
        .map((r) => {
          const rpr =
            r.b || r.i || r.bOff
              ? `<w:rPr>${r.b ? '<w:b/><w:bCs/>' : ''}${r.bOff ? '<w:b w:val="0"/>' : ''}${r.i ? '<w:i/>' : ''}<w:rFonts w:hint="eastAsia"/></w:rPr>`
              : '';
          return `<w:r>${rpr}<w:t xml:space="preserve">${esc(r.text)}</w:t></w:r>${p.br ? '<w:r><w:br/></w:r>' : ''}`;
        })
        .join('\n      ');
      const pic = p.image
        ? `<w:r><w:drawing><wp:inline><wp:extent cx="5274310" cy="3516207"/><a:graphic><a:graphicData><pic:pic><pic:blipFill><a:blip r:embed="${relId(p.image)}"/></pic:blipFill></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>`
        : '';
      return `<w:p>${ppr}\n      ${runs}${pic}</w:p>`;
    })
    .join('\n    ');
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/><Default Extension="jpeg" ContentType="image/jpeg"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    ),
    '_rels/.rels': strToU8(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
    ),
    'word/document.xml': strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture">
  <w:body>
    ${body}
    <w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr>
  </w:body>
</w:document>`),
    'word/styles.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">${Object.entries(
        styles,
      )
        .map(
          ([id, name]) => `<w:style w:type="paragraph" w:styleId="${id}"><w:name w:val="${name}"/></w:style>`,
        )
        .join('')}</w:styles>`,
    ),
    'word/_rels/document.xml.rels': strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>${rels.join('')}</Relationships>`,
    ),
  };
  for (const [m, bytes] of Object.entries(media)) files[`word/media/${m}`] = bytes;
  for (const o of opts.omit ?? []) delete files[o];
  return zipSync(files, { level: 6 });
}
