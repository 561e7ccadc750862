// The PDF presets, once: what each one is for the editor (the export panel), for the PDF painter
// (PDF/X version, transparency) and for preflight (a print file or a proof). The CLI, the API's
// schema, the painter, preflight and the renderer all read this table.
export const PRESETS = ['print-x1a', 'print-x4', 'proof'] as const;
export type PdfPreset = (typeof PRESETS)[number];

export interface PresetFacts {
  /** A file for the printing plant (CMYK, preflight refuses on errors), or a proof (RGB photos kept). */
  print: boolean;
  /** The PDF/X version it claims, if any, and the PDF version it is written in. */
  pdfx?: 'PDF/X-1a:2003' | 'PDF/X-4';
  pdfVersion: '1.4' | '1.6';
  /** PDF/X-1a allows no transparency: photos with an alpha channel are flattened onto white. */
  transparency: 'flatten' | 'keep';
  /** What the export panel shows. */
  label: string;
  note: string;
}

export const PRESET_TABLE: Readonly<Record<PdfPreset, PresetFacts>> = {
  'print-x1a': {
    print: true,
    pdfx: 'PDF/X-1a:2003',
    pdfVersion: '1.4',
    transparency: 'flatten',
    label: '印刷 PDF/X-1a',
    note: '交印厂：CMYK、字体嵌入、无透明',
  },
  'print-x4': {
    print: true,
    pdfx: 'PDF/X-4',
    pdfVersion: '1.6',
    transparency: 'keep',
    label: '印刷 PDF/X-4',
    note: '印厂确认支持 X-4 时使用',
  },
  proof: {
    print: false,
    pdfVersion: '1.4',
    transparency: 'keep',
    label: '校样 (Proof)',
    note: '带“校样”标记与批注，供校对',
  },
};

export const isPreset = (s: string): s is PdfPreset => (PRESETS as readonly string[]).includes(s);
