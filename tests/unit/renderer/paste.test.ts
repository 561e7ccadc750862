// Paste from Word and the web in the editor: the clipboard's HTML read by the engine's paste cleaner
// into copy (style hints, bold, emphasis), and through the shared copy rules into the article's blocks.
import { describe, expect, it } from 'vitest';
import { decodeEntities } from '../../../engine/model/markup';
import { pastedParagraphs } from '../../../engine/model/paste';
import { blocksFromClipboard } from '../../../renderer/editor/paste';

const WORD = `<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><style>p.MsoNormal{margin:0}</style><!--[if gte mso 9]><xml><w:WordDocument></w:WordDocument></xml><![endif]--></head>
<body lang=ZH-CN><p class=MsoTitle><span style='font-family:宋体'>区委全面深化改革委员会<o:p></o:p></span></p>
<p class=MsoNormal style='text-indent:21.0pt'><span>　　本报讯　2023年区委全面深化改革委员会第一次会议2月16日举行。</span></p>
<p class=MsoNormal><b>会议强调</b>，要<span style='font-weight:bold'>坚持</span>问题导向，<i>狠抓</i>落实。</p>
<p class=MsoNormal><o:p>&nbsp;</o:p></p>
<p class=MsoNormal>（来源：区委改革办）</p></body></html>`;

describe('paste', () => {
  it('reads Word HTML as copy: styles as hints, marks as runs, no Office markup', () => {
    const copy = pastedParagraphs(WORD);
    expect(copy.map((p) => p.style)).toEqual(['Title', undefined, undefined, undefined]);
    expect(copy[2].runs).toEqual([
      { text: '会议强调', bold: true },
      { text: '，要' },
      { text: '坚持', bold: true },
      { text: '问题导向，' },
      { text: '狠抓', emphasis: true },
      { text: '落实。' },
    ]);
    expect(JSON.stringify(copy.map((p) => p.runs))).not.toMatch(/WordDocument|mso|o:p|margin/i);
  });

  it('turns Word HTML into the article structure', () => {
    expect(blocksFromClipboard({ html: WORD }, true)).toEqual([
      { type: 'headline', children: [{ text: '区委全面深化改革委员会' }] },
      { type: 'dateline', children: [{ text: '本报讯' }] },
      { type: 'paragraph', children: [{ text: '2023年区委全面深化改革委员会第一次会议2月16日举行。' }] },
      {
        type: 'paragraph',
        children: [
          { text: '会议强调', bold: true },
          { text: '，要' },
          { text: '坚持', bold: true },
          { text: '问题导向，' },
          { text: '狠抓', emphasis: true },
          { text: '落实。' },
        ],
      },
      { type: 'source', children: [{ text: '（来源：区委改革办）' }] },
    ]);
  });

  it("a web page's scripts and styles are never text; its wrapping spaces between Chinese go", () => {
    const html =
      '<div><h2>开启知识竞赛</h2><p>徐汇区\n  打造 线下课堂，with Shanghai  Learning Platform</p><script>alert(1)</script><style>p{}</style></div>';
    expect(blocksFromClipboard({ html }, false)).toEqual([
      { type: 'crosshead', children: [{ text: '开启知识竞赛' }] },
      { type: 'paragraph', children: [{ text: '徐汇区打造线下课堂，with Shanghai Learning Platform' }] },
    ]);
  });

  it('plain text pasted into a story stays body text; into an empty article its first short lines are heads', () => {
    const text = '徐汇滨江线下课堂启用\n\n　　2月15日，徐汇区委宣传部举办活动。';
    expect(blocksFromClipboard({ text }, false).map((b) => b.type)).toEqual(['paragraph', 'paragraph']);
    expect(blocksFromClipboard({ text }, true).map((b) => b.type)).toEqual(['headline', 'paragraph']);
  });

  it('decodes entities, a no-break space as the space it is', () => {
    expect(decodeEntities('A&amp;B &lt;东&gt; &#x4e2d;&#25991;&nbsp;&bogus;')).toBe(
      'A&B <东> 中文\u00a0&bogus;',
    );
    expect(
      blocksFromClipboard({ html: '<p>AT&amp;T&nbsp;与&ldquo;学习强国&rdquo; &lt;东&gt;</p>' }, false),
    ).toEqual([{ type: 'paragraph', children: [{ text: 'AT&T 与“学习强国” <东>' }] }]);
  });
});
