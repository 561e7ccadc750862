export type { Template, ParagraphStyle, CharacterStyle, MasterItem, MasterText, MasterRule, TextAlign } from './types';
export { validateTemplate, applyStyleOverrides, TemplateError, TEMPLATE_FORMAT, FACE_NAMES, FACE_IDS, MASTER_FIELDS } from './validate';
export type { TemplateProblem } from './validate';
