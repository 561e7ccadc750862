// What preflight reports (findings, by severity) and what it is asked (preset, ink limit, photos).
import type { RenderingIntent, Template } from '../../../engine/templates/types';
import type { PdfPreset } from '../../api/presets';

export type Severity = 'error' | 'warning' | 'info';

export interface Finding {
  severity: Severity;
  /** Stable English code for tools and tests: overset, missing-glyph, image-rgb … */
  code: string;
  /** What an editor reads, in Chinese. */
  message: string;
  /** Page number in the edition, or null for edition-wide findings. */
  page: number | null;
  article: string | null;
  /** Where on the page (points from the trim's top-left) or in the text (block and UTF-16 offset). */
  position?: { x: number; y: number } | { block: number; offset: number };
}

export interface PreflightOptions {
  preset: PdfPreset;
  /** Total area coverage limit, percent (C+M+Y+K), when the caller sets one (export --ink-limit): it
   *  wins over the page template's `inkLimit`, which is newsprint's 240 % unless the template says otherwise. */
  inkLimit?: number;
  /** Effective resolution under which a photo is flagged, pixels per inch. */
  minPpi: number;
  /** Templates by id, for their ink limits. */
  templates?: Record<string, Template>;
  /** How photos go to the plate: the plant's output profile and the output resolution (default 300 ppi). */
  photos?: {
    outputProfile?: string;
    resolution?: number;
    intent?: RenderingIntent;
    outputCondition?: string;
  };
}

export const PREFLIGHT_DEFAULTS: PreflightOptions = { preset: 'print-x1a', minPpi: 200 };
