// The API's templates and fonts: the installed templates, faces and roles, metrics tables and the small
// screen fonts the page view draws with.
import type { Handlers } from '../api';
import type { Environment, Services } from './api-services-types';

type FontHandlers = Pick<Handlers, Extract<keyof Handlers, 'templates.all' | `fonts.${string}`>>;

export function fontHandlers(services: Services, env: Environment): FontHandlers {
  return {
    'templates.all': async () => ({ templates: services.templates() }),
    'fonts.faces': async ({ edition }) => {
      const fallbacks = edition ? services.useEditionFonts(edition.fonts, edition.templates) : undefined;
      return {
        faces: services.faces(),
        roles: services.roleFaces(),
        aliases: services.fontAliases(),
        ...(fallbacks ? { fallbacks } : {}),
      };
    },
    'fonts.report': async () => ({ report: services.fontReport() }),
    'fonts.metrics': async ({ face }) => ({ table: services.metricsTable(face) }),
    'fonts.file': async ({ face }) => services.fontBytes(face),
    'fonts.tables': async ({ codePoints }) => services.screenTables(codePoints),
    'fonts.subset': async ({ face, codePoints }) => {
      const s = services.screenSubset(face, codePoints);
      if (!s) return { url: null, data: null, codePoints: [] };
      if (env.publish) return { url: env.publish(s.bytes, 'ttf'), data: null, codePoints: s.codePoints };
      return { url: null, data: Buffer.from(s.bytes).toString('base64'), codePoints: s.codePoints };
    },
    'fonts.outlines': async ({ face, gids }) => services.glyphOutlines(face, gids),
  };
}
