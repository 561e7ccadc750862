// A sample edition with a continued story, and the 四开 page grid, for placing and session tests.
import { loadSampleEdition } from '../../electron/services/sample';
import { loadTemplates } from '../../electron/services/templates';
import { validateEdition } from '../../engine/model/validate';
import type { Edition } from '../../engine/model/types';
import { gridOf, type GridMetrics } from '../../renderer/state/placing';

export const templates = loadTemplates();
const t = templates.sikai;
export const sikaiGrid: GridMetrics = gridOf(t);

/** The sample plus pages 2 and 3; a5 starts on page 1 and continues on page 3. */
export function chainedSample(): Edition {
  const ed: Edition = loadSampleEdition();
  ed.articles.push({
    id: 'a5',
    slug: '',
    status: 'draft',
    blocks: [{ type: 'paragraph', children: [{ text: '续稿。'.repeat(50) }] }],
  });
  ed.pages[0].placements.push({
    article: 'a5',
    regions: [{ col: 3, cols: 1, line: 60, lines: 10 }],
    photos: [],
    continuesOn: { page: 3 },
  });
  ed.pages.push(
    { id: 'p2', number: 2, section: '综合', template: 'sikai', placements: [] },
    {
      id: 'p3',
      number: 3,
      section: '社区',
      template: 'sikai',
      placements: [{ article: 'a5', regions: [{ col: 0, cols: 2, line: 0, lines: 20 }], photos: [] }],
    },
  );
  return validateEdition(ed);
}
