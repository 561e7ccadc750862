// Word boundaries for headlines: the built-in segmenter corrected by the newsroom dictionary, on the
// sample page's headlines and on phrases of the news-prose corpus.
import { describe, expect, it } from 'vitest';
import { wordBoundaries } from '../../../engine/text/words';

function words(text: string): string {
  const b = wordBoundaries(text);
  let out = '';
  for (let i = 0; i < text.length; i++) out += (i > 0 && b[i] ? '|' : '') + text[i];
  return out;
}

describe('headline words', () => {
  it.each([
    ['区委网络安全和信息化委员会会议举行', '区委|网络安全|和|信息化|委员会|会议|举行'],
    ['区委全面深化改革委员会第一次会议召开', '区委|全面|深化|改革|委员会|第一次|会议|召开'],
    ['徐汇区打造“学习强国”线下课堂', '徐汇区|打造|“|学习强国|”|线下|课堂'],
    ['开启“学无止境·强国有我”知识竞赛活动', '开启|“|学无止境|·|强国有我|”|知识竞赛|活动'],
    ['科创金融赋能区域发展', '科创|金融|赋|能|区域|发展'],
    ['2023年徐汇区政银座谈会日前在西岸智塔举办', '2023年|徐汇区|政银|座谈会|日前|在|西岸智塔|举办'],
    ['普惠型小微企业贷款余额超过300亿元', '普惠型|小微|企业|贷款|余|额|超过|300亿元'],
  ])('%s', (text, expected) => {
    expect(words(text)).toBe(expected);
  });

  it('has boundaries at both ends and loses no text', () => {
    const b = wordBoundaries('全区上下克服疫情等多重困难');
    expect(b[0]).toBe(1);
    expect(b[b.length - 1]).toBe(1);
    expect(words('全区上下克服疫情等多重困难').replaceAll('|', '')).toBe('全区上下克服疫情等多重困难');
    expect(words('全区上下克服疫情等多重困难')).toContain('疫情');
  });
});
