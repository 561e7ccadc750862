import { describe, expect, it } from 'vitest';
import { cleanPastedHtml } from '../../../engine/model/paste';
import { blocksFromCopy } from '../../../engine/model/copy';
import { tokenize } from '../../../engine/model/markup';

// What Word (Windows, Chinese UI) puts on the clipboard, trimmed to the parts that matter.
const WORD_HTML = `<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word">
<head><meta charset="utf-8"><style>
<!-- p.MsoNormal {mso-style-parent:""; font-family:宋体;} h1 {mso-style-link:"标题 1 字符";} -->
</style><!--[if gte mso 9]><xml><w:WordDocument><w:View>Normal</w:View></w:WordDocument></xml><![endif]--></head>
<body lang=ZH-CN><!--StartFragment-->
<p class=MsoNormal><span style='font-family:黑体'>共学二十大 同谱新篇章<o:p></o:p></span></p>
<h1><span style='font-family:宋体'>徐汇区打造</span><span lang=EN-US>“</span>学习强国<span lang=EN-US>”</span>线下课堂</h1>
<p class=MsoSubtitle>开启“学无止境·强国有我”知识竞赛活动</p>
<p class=MsoNormal style='text-indent:21.0pt'><span>本报讯　2月15日，徐汇区委宣传部联合<b>“学习强国”</b>上海学习平台
共同举办活动。<o:p></o:p></span></p>
<p class=MsoListParagraph style='mso-list:l0 level1 lfo1'><![if !supportLists]><span style='mso-list:Ignore'>1.<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp; </span></span><![endif]>区委常委、宣传部长赵懿<i>出席</i>活动。</p>
<h3>小标题：线下课堂</h3>
<p class=MsoNormal>&nbsp;<o:p></o:p></p>
<p class=MsoNormal>（来源：徐汇区融媒体中心）</p>
<!--EndFragment--></body></html>`;

describe('cleaning pasted HTML', () => {
  it("turns Word's clipboard into kicker, headline, subhead, dateline, body with marks, crosshead and source", () => {
    const blocks = cleanPastedHtml(WORD_HTML);
    expect(blocks.map((b) => b.type)).toEqual([
      'kicker',
      'headline',
      'subhead',
      'dateline',
      'paragraph',
      'paragraph',
      'crosshead',
      'source',
    ]);
    expect(blocks[1].children).toEqual([{ text: '徐汇区打造“学习强国”线下课堂' }]);
    expect(blocks[3].children).toEqual([{ text: '本报讯' }]);
    expect(blocks[4].children).toEqual([
      { text: '2月15日，徐汇区委宣传部联合' },
      { text: '“学习强国”', bold: true },
      { text: '上海学习平台共同举办活动。' },
    ]);
    // Word's typed-out list number is not copy.
    expect(blocks[5].children).toEqual([
      { text: '区委常委、宣传部长赵懿' },
      { text: '出席', emphasis: true },
      { text: '活动。' },
    ]);
    expect(blocks[7].children[0].text).toBe('（来源：徐汇区融媒体中心）');
  });

  it("keeps a web page's paragraphs, line breaks and emphasis, and drops scripts and styling", () => {
    const html = `<div class="article"><script>alert("x")</script><h2>副题</h2><p style="font-weight:700">全段加粗</p>
      <p>第一行<br>第二行 &amp; <span style="font-style:italic">斜体</span></p><img src="https://example.invalid/a.jpg" alt="现场"><figcaption>图为活动现场。</figcaption></div>`;
    const blocks = cleanPastedHtml(html);
    expect(blocks).toEqual([
      { type: 'crosshead', children: [{ text: '副题' }] },
      { type: 'paragraph', children: [{ text: '全段加粗', bold: true }] },
      { type: 'paragraph', children: [{ text: '第一行' }] },
      { type: 'paragraph', children: [{ text: '第二行 & ' }, { text: '斜体', emphasis: true }] },
      { type: 'photo', asset: null, children: [{ text: '图为活动现场。' }] },
    ]);
  });

  it('survives broken and hostile markup without throwing or losing the text', () => {
    const cases = [
      '<p>未闭合<b>加粗',
      '<<<p>>>文字</x></p></div>',
      'a < b 且 c > d',
      '<p title="x>y">引号里的尖括号</p>',
      '<!-- 未结束的注释',
      '&#99999999;&#xD800;&bogus;正文',
      '<p><b><i>多层</p>',
    ];
    for (const html of cases) expect(() => cleanPastedHtml(html)).not.toThrow();
    expect(cleanPastedHtml('<p>未闭合<b>加粗')[0].children).toEqual([
      { text: '未闭合' },
      { text: '加粗', bold: true },
    ]);
    expect(cleanPastedHtml('a < b 且 c > d')[0].children[0].text).toBe('a < b 且 c > d');
    expect(cleanPastedHtml('<p title="x>y">引号里的尖括号</p>')[0].children[0].text).toBe('引号里的尖括号');
    expect(cleanPastedHtml('&#99999999;&bogus;正文')[0].children[0].text).toBe('\ufffd&bogus;正文');
    // Deep nesting and a long document stay linear.
    const big = '<div>'.repeat(5000) + '<p>段落。</p>'.repeat(20000) + '</div>'.repeat(5000);
    expect(cleanPastedHtml(big)).toHaveLength(20000);
  });

  it('tokenizes docx XML with namespaces, self-closing tags and CDATA', () => {
    const toks = tokenize(
      '<?xml version="1.0"?><w:p><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve"> 文 &lt;字&gt;</w:t></w:r></w:p><![CDATA[<raw>]]>',
    );
    expect(
      toks
        .filter((t) => t.kind === 'open')
        .map((t) => t.kind === 'open' && `${t.name}${t.selfClosing ? '/' : ''}`),
    ).toEqual(['w:p', 'w:r', 'w:rPr', 'w:b/', 'w:t']);
    expect(toks.filter((t) => t.kind === 'text').map((t) => t.kind === 'text' && t.text)).toEqual([
      ' 文 <字>',
      '<raw>',
    ]);
  });
});

describe('plain copy to blocks', () => {
  it('reads typed heads, dateline, byline and indents as a reporter types them', () => {
    const lines = [
      '共学二十大　同谱新篇章',
      '徐汇区打造“学习强国”线下课堂',
      '——开启知识竞赛活动',
      '　　本报讯（记者 王某）2月15日，徐汇区 举办 活动。',
      '　　活动现场邀请学习达人分享心得。',
      '本报记者　王　某',
      '（来源：徐汇报）',
    ];
    const blocks = blocksFromCopy(
      lines.map((text) => ({ runs: [{ text }] })),
      { guessHeads: true },
    );
    expect(blocks.map((b) => [b.type, b.children.map((c) => c.text).join('')])).toEqual([
      ['kicker', '共学二十大　同谱新篇章'],
      ['headline', '徐汇区打造“学习强国”线下课堂'],
      ['subhead', '开启知识竞赛活动'],
      ['dateline', '本报讯（记者王某）'],
      ['paragraph', '2月15日，徐汇区举办活动。'],
      ['paragraph', '活动现场邀请学习达人分享心得。'],
      ['byline', '本报记者　王　某'],
      ['source', '（来源：徐汇报）'],
    ]);
  });
});
