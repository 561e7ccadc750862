// What each command does, in one line: `banmian --help` lists them without loading any command.
export const SUMMARIES = {
  compose:
    'set text from stdin into justified lines (--measure 17 | 153pt, --size 小五, --house, --tracking, --style, --indent, --strictness, --breaking, --face, --json)',
  layout:
    "lay out an edition (file or --sample): --json prints the display list, --summary each article's fit",
  export:
    'export pages to print PDF (PDF/X-1a, PDF/X-4) or proof PDF (-o out.pdf, --preset, --pages 1,3-4, --split, --force)',
  preflight:
    'check an edition for print problems (--json, --preset, --pages, --ink-limit, --photos); exit 1 when errors',
  edition:
    'edition files: new (--sample | --from x.json) -o x.banmian, export, info, history, diff, restore, repair',
  import: 'import .docx/.txt stories into an edition file as draft articles (with their photos)',
  proofs:
    "read proofreaders' marks from an annotated proof PDF onto the articles (--json, --apply -o out.json)",
  fonts:
    'list the faces installed on this machine with their roles, format, embedding permission and GB 2312/GBK/GB 18030 coverage (--json)',
} as const;
