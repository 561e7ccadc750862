// House styles: how a paper weighs the breaks of a justified paragraph and sets the things CLREQ
// leaves to the house (docs/cjk-typesetting.md §4, §8). A template names its own (engine/templates);
// the composer takes it through ComposeOptions.house.
//
// `newspaper` is calibrated to the printed sample page (tests/fixtures/district-news-page.a1-printed.txt):
// where squeezing marks within the CLREQ limits keeps a character on its line, the paper squeezes,
// first lines included, rather than push the character down to spare a letterspaced line; it opens
// a line by up to two ems sooner than give a character away; digits and Latin sit at their font
// widths with at most a thin space beside them; a ——— (three dashes) takes the two-em frame of the
// 破折号. `even` is the optimum fit for evenness: a character may go down so that no line is letterspaced.

/** How a justified paragraph's breaks are chosen and what the house sets its own way. */
export interface HouseStyle {
  /** Name, for messages and the layout cache. */
  name: string;
  /** 'keep-characters': squeezing marks within the CLREQ limits to keep a character on its line
   *  always wins over pushing it down; evenness only decides between settings that keep as much
   *  (how the printed paper sets). 'even': optimum fit, a character may be pushed down to spare
   *  a letterspaced line. */
  squeeze: 'keep-characters' | 'even';
  /** The most justification may squeeze out of one line, ems (each mark still gives at most its
   *  CLREQ blank). Infinity: only the CLREQ limits. */
  maxSqueeze: number;
  /** A line letterspaced by more than this many ems is avoided wherever other breaks exist, even at
   *  the cost of pushing characters down. Infinity: never. */
  maxOpen: number;
  /** Space between Han and Latin letters or digits, ems: its natural width, the least it may be
   *  squeezed to, the most it may be opened to. */
  cjkLatin: { ideal: number; min: number; max: number };
  /** The paragraph's first, indented line: 'like-others' follows `squeeze`; 'even' lets it give a
   *  character to the next line whatever `squeeze` says. */
  firstLine: 'like-others' | 'even';
  /** Three or more — in a row (———): 'two-em' sets them in the two-em frame of the 破折号 (GB/T
   *  15834 5.1.4), 'per-dash' one em each. */
  longDash: 'two-em' | 'per-dash';
}

export const HOUSE_STYLES: Readonly<Record<'newspaper' | 'even', Readonly<HouseStyle>>> = {
  newspaper: {
    name: 'newspaper',
    squeeze: 'keep-characters',
    maxSqueeze: 2,
    maxOpen: 2,
    cjkLatin: { ideal: 1 / 8, min: 0, max: 1 / 4 },
    firstLine: 'like-others',
    longDash: 'two-em',
  },
  even: {
    name: 'even',
    squeeze: 'even',
    maxSqueeze: Infinity,
    maxOpen: Infinity,
    cjkLatin: { ideal: 1 / 4, min: 1 / 8, max: 1 / 2 },
    firstLine: 'like-others',
    longDash: 'per-dash',
  },
};

export const HOUSE_STYLE_NAMES = Object.keys(HOUSE_STYLES) as (keyof typeof HOUSE_STYLES)[];

/** A house style's fields as a key (the layout cache keys compositions by it). */
export function houseKey(h: HouseStyle): string {
  return `${h.name}:${h.squeeze}:${h.maxSqueeze}:${h.maxOpen}:${h.cjkLatin.ideal}/${h.cjkLatin.min}/${h.cjkLatin.max}:${h.firstLine}:${h.longDash}`;
}

/** Why a house style cannot be used, or null. */
export function houseProblem(h: HouseStyle): string | null {
  if (h.squeeze !== 'keep-characters' && h.squeeze !== 'even')
    return `squeeze must be keep-characters or even, got "${String(h.squeeze)}"`;
  if (h.firstLine !== 'like-others' && h.firstLine !== 'even')
    return `firstLine must be like-others or even, got "${String(h.firstLine)}"`;
  if (h.longDash !== 'two-em' && h.longDash !== 'per-dash')
    return `longDash must be two-em or per-dash, got "${String(h.longDash)}"`;
  if (!(h.maxSqueeze >= 0)) return `maxSqueeze must be zero or more ems, got ${h.maxSqueeze}`;
  if (!(h.maxOpen >= 0)) return `maxOpen must be zero or more ems, got ${h.maxOpen}`;
  const { ideal, min, max } = h.cjkLatin;
  if (!(min >= 0 && min <= ideal && ideal <= max && max <= 1))
    return `cjkLatin must have 0 ≤ min ≤ ideal ≤ max ≤ 1 em, got ${min}, ${ideal}, ${max}`;
  return null;
}
