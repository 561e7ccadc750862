// One layout, two painters: the page view lays the edition out in the renderer over metrics tables,
// the PDF in Node over fontkit. If the two disagree by one glyph the screen shows a fit the print
// does not have, so the whole display list must be equal, not merely close.
import { describe, expect, it } from 'vitest';
import { TableFontSet } from '../../../engine/fonts/table';
import { layoutEdition } from '../../../engine/layout';
import { fallbackChains, loadFontSet, metricsTable, roleFaces } from '../../../electron/services/fonts';
import { nodeServices } from '../../../electron/services/api-services';
import { loadSampleEdition } from '../../../electron/services/sample';
import { loadTemplates } from '../../../electron/services/templates';
import type { MetricsTable } from '../../../engine/fonts/table';
import { methods } from '../../../electron/api';

describe('renderer and Node layouts', () => {
  it('lay out the sample edition identically from metrics tables and from fontkit', () => {
    const edition = loadSampleEdition();
    const templates = loadTemplates();
    const node = loadFontSet();
    // Tables as the renderer receives them: through JSON, for every face the host offers.
    const tables = node.faceIds().map((id) => JSON.parse(JSON.stringify(metricsTable(id))) as MetricsTable);
    const table = new TableFontSet(tables, fallbackChains(), roleFaces());
    const fromTables = layoutEdition(edition, { fonts: table, templates });
    const fromFontkit = layoutEdition(edition, { fonts: node, templates });
    expect(fromTables.pages.flatMap((p) => p.fits)).toEqual(fromFontkit.pages.flatMap((p) => p.fits));
    expect(fromTables).toEqual(fromFontkit);
  });

  it('lay out identically with the tables and templates the host sends the page', async () => {
    // What the renderer actually gets: the faces and fallbacks of `fonts.faces`, the templates of
    // `templates.all`, each table over JSON, so a difference in what the host offers shows here too.
    const services = nodeServices();
    const faces = services.faces();
    const tables = faces.map((f) => JSON.parse(JSON.stringify(services.metricsTable(f.id))) as MetricsTable);
    const chains = Object.fromEntries(faces.map((f) => [f.id, [f.id, ...f.fallback]]));
    const roles = services.roleFaces();
    const templates = JSON.parse(JSON.stringify(services.templates()));
    const { edition } = methods['edition.openSample'].res.parse(
      JSON.parse(JSON.stringify({ edition: services.sampleEdition() })),
    );
    const fonts = new TableFontSet(tables, chains, roles);
    const screen = layoutEdition(edition, { fonts, templates });
    const print = layoutEdition(loadSampleEdition(), { fonts: loadFontSet(), templates: loadTemplates() });
    expect(screen).toEqual(print);
    // Role names an editor's style may use resolve to the same faces on both sides.
    for (const role of Object.keys(roles))
      expect(fonts.faceForRole(role)).toEqual(loadFontSet().faceForRole(role));
  });
});
