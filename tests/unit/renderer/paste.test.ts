// Paste from Word and the web: structure kept, styling and layout whitespace dropped.
import { describe, expect, it } from 'vitest';
import { blocksFromHtml, blocksFromText, cleanText } from '../../../renderer/editor/paste';

const WORD = `<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><style>p.MsoNormal{margin:0}</style><!--[if gte mso 9]><xml><w:WordDocument></w:WordDocument></xml><![endif]--></head>
<body lang=ZH-CN><p class=MsoTitle><span style='font-family:宋体'>区委全面深化改革委员会<o:p></o:p></span></p>
<p class=MsoNormal style='text-indent:21.0pt'><span>　　本报讯　2023年区委全面深化改革委员会第一次会议2月16日举行。</span></p>
<p class=MsoNormal><b>会议强调</b>，要<span style='font-weight:bold'>坚持</span>问题导向，<i>狠抓</i>落实。</p>
<p class=MsoNormal><o:p>&nbsp;</o:p></p>
<p class=MsoNormal>（来源：区委改革办）</p></body></html>`;

describe('paste', () => {
  it('cleans Word HTML to the article structure', () => {
    expect(blocksFromHtml(WORD)).toEqual([
      { type: 'headline', children: [{ text: '区委全面深化改革委员会' }] },
      { type: 'dateline', children: [{ text: '本报讯' }] },
      { type: 'paragraph', children: [{ text: '2023年区委全面深化改革委员会第一次会议2月16日举行。' }] },
      { type: 'paragraph', children: [{ text: '会议强调', bold: true }, { text: '，要' }, { text: '坚持', bold: true }, { text: '问题导向，' }, { text: '狠抓', emphasis: true }, { text: '落实。' }] },
      { type: 'source', children: [{ text: '（来源：区委改革办）' }] },
    ]);
  });

  it('removes spaces a web page\'s wrapping left between Chinese characters, keeps them between Latin words', () => {
    const html = '<div><h2>副题 开启 知识竞赛</h2><p>徐汇区\n  打造 线下课堂 ，\n with Shanghai Learning Platform 2.0</p><script>alert(1)</script></div>';
    expect(blocksFromHtml(html)).toEqual([
      { type: 'subhead', children: [{ text: '副题开启知识竞赛' }] },
      { type: 'paragraph', children: [{ text: '徐汇区打造线下课堂，with Shanghai Learning Platform 2.0' }] },
    ]);
    expect(cleanText('记者  王 从友')).toBe('记者王从友');
  });

  it('plain text becomes one paragraph a line, a byline recognised, empty lines dropped', () => {
    expect(blocksFromText('第一段。\r\n\r\n　　第二段。\n本报记者 王从友')).toEqual([
      { type: 'paragraph', children: [{ text: '第一段。' }] },
      { type: 'paragraph', children: [{ text: '第二段。' }] },
      { type: 'byline', children: [{ text: '本报记者王从友' }] },
    ]);
  });

  it('decodes entities and ignores markup it does not know', () => {
    expect(blocksFromHtml('<p>A&amp;B &lt;东&gt; &#x4e2d;&#25991;<font color=red>红</font></p>')).toEqual([{ type: 'paragraph', children: [{ text: 'A&B <东>中文红' }] }]);
  });
});
