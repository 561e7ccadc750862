// The roles an imported story's blocks get, from files a real writer produced (LibreOffice's .docx
// export of tests/fixtures/import/*.fodt, `soffice --headless --convert-to docx`) and from typed text.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { zipSync, strToU8 } from 'fflate';
import { importStoryBytes } from '../../../electron/services/import';
import type { Block } from '../../../engine/model/types';

const fixture = (name: string) => readFileSync(join(__dirname, '../../fixtures/import', name));
const roles = (blocks: Block[]) => blocks.map((b) => [b.type, b.children.map((c) => c.text).join('')]);

describe("import roles from a real writer's .docx", () => {
  it('Title/Subtitle/Heading 2/Caption and Chinese style names; tracked changes as the reader sees them; hidden text dropped', () => {
    const story = importStoryBytes(fixture('newsroom-styles.docx'), 'newsroom-styles.docx');
    expect(roles(story.article.blocks)).toEqual([
      ['kicker', '共学二十大　同谱新篇章'],
      ['headline', '徐汇区打造“学习强国”线下课堂'],
      ['subhead', '首批二十个课堂同日开课'],
      ['dateline', '本报讯（记者张三）'],
      ['paragraph', '2月15日，徐汇区委宣传部联合“学习强国”上海学习平台举办线下课堂启用仪式。'],
      ['crosshead', '课堂开在家门口'],
      ['paragraph', '课堂设在街道社区\u2011党群服务中心，居民步行十分钟可到。'],
      ['crosshead', '学习形式更多样'],
      ['paragraph', '课堂采用讲座、竞赛、研讨等形式。'],
      ['photo', '图为线下课堂启用仪式现场。'],
      ['byline', '记者张三通讯员李四'],
    ]);
  });

  it('标题, 副题, 作者, 正文, 小标题, 图片说明; 新华社…电 as the 电头; a source line by its wording', () => {
    const story = importStoryBytes(fixture('plain-heads.docx'), 'plain-heads.docx');
    expect(roles(story.article.blocks)).toEqual([
      ['headline', '全市春耕生产全面展开'],
      ['subhead', '百万亩良田播种过半'],
      ['byline', '本报记者王五'],
      ['dateline', '新华社北京3月20日电'],
      ['paragraph', '连日来，各地抢抓农时开展春耕。'],
      ['crosshead', '科技助力'],
      ['paragraph', '无人机播种覆盖面积扩大。'],
      ['photo', '农民在田间作业（记者王五摄）'],
      ['source', '（来源：市农业农村委）'],
    ]);
  });
});

describe('import roles from generated .docx', () => {
  const doc = (body: string) =>
    Buffer.from(
      zipSync({
        'word/document.xml': strToU8(
          `<?xml version="1.0"?><w:document xmlns:w="w"><w:body>${body}</w:body></w:document>`,
        ),
      }),
    );
  it('drops moved-from text and keeps moved-to text once; keeps symbols and no-break hyphens; drops w:vanish runs', () => {
    const story = importStoryBytes(
      doc(
        '<w:p><w:r><w:t>标题</w:t></w:r></w:p>' +
          '<w:p><w:moveFrom w:id="1"><w:r><w:t>挪走的句子。</w:t></w:r></w:moveFrom><w:r><w:t>正文开头，</w:t></w:r><w:moveTo w:id="2"><w:r><w:t>挪走的句子。</w:t></w:r></w:moveTo></w:p>' +
          '<w:p><w:r><w:t>温度</w:t></w:r><w:r><w:sym w:font="Symbol" w:char="F0B0"/></w:r><w:r><w:t>C，编号A</w:t><w:noBreakHyphen/><w:t>1</w:t></w:r><w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏的字</w:t></w:r><w:r><w:rPr><w:vanish w:val="0"/></w:rPr><w:t>。</w:t></w:r></w:p>',
      ),
      'm.docx',
    );
    expect(roles(story.article.blocks)).toEqual([
      ['headline', '标题'],
      ['paragraph', '正文开头，挪走的句子。'],
      ['paragraph', '温度°C，编号A\u20111。'],
    ]);
  });
});

describe('import roles from typed text', () => {
  const txt = (s: string, name = 's.txt') => roles(importStoryBytes(Buffer.from(s), name).article.blocks);
  it('two short head lines are 主题 and 副题, not 引题 and 主题; the dateline run and a caption by their wording', () => {
    expect(
      txt(
        '全市春耕生产全面展开\n百万亩良田播种过半\n本报讯（记者 王五）连日来，各地抢抓农时。\n图为农民在田间作业。\n',
      ),
    ).toEqual([
      ['headline', '全市春耕生产全面展开'],
      ['subhead', '百万亩良田播种过半'],
      ['dateline', '本报讯（记者王五）'],
      ['paragraph', '连日来，各地抢抓农时。'],
      ['photo', '图为农民在田间作业。'],
    ]);
  });
  it('a dash line is the 副题 wherever it stands; labels name roles; 记者…报道 is a 电头; numbered lines are 小标题', () => {
    expect(
      txt(
        '引题：春风又绿江南岸\n主题：全市春耕全面展开\n——百万亩良田播种过半\n本报记者王五报道\n连日来，各地抢抓农时。\n一、科技助力\n无人机播种。\n',
      ),
    ).toEqual([
      ['kicker', '春风又绿江南岸'],
      ['headline', '全市春耕全面展开'],
      ['subhead', '百万亩良田播种过半'],
      ['dateline', '本报记者王五报道'],
      ['paragraph', '连日来，各地抢抓农时。'],
      ['crosshead', '一、科技助力'],
      ['paragraph', '无人机播种。'],
    ]);
    expect(txt('春风又绿江南岸\n全市春耕全面展开\n——百万亩良田播种过半\n连日来，各地抢抓农时。\n')).toEqual([
      ['kicker', '春风又绿江南岸'],
      ['headline', '全市春耕全面展开'],
      ['subhead', '百万亩良田播种过半'],
      ['paragraph', '连日来，各地抢抓农时。'],
    ]);
  });
  it('reads Markdown heads: # 主题, ## 小标题, bold kept', () => {
    const story = importStoryBytes(
      Buffer.from('# 全市春耕全面展开\n\n本报讯 连日来，各地**抢抓农时**。\n\n## 科技助力\n\n无人机播种。\n'),
      's.md',
    );
    expect(roles(story.article.blocks)).toEqual([
      ['headline', '全市春耕全面展开'],
      ['dateline', '本报讯'],
      ['paragraph', '连日来，各地抢抓农时。'],
      ['crosshead', '科技助力'],
      ['paragraph', '无人机播种。'],
    ]);
    expect(story.article.blocks[2].children).toContainEqual({ text: '抢抓农时', bold: true });
  });
});
