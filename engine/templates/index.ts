export type { Template, ParagraphStyle, CharacterStyle, MasterItem, MasterText, MasterRule, TextAlign } from './types';
export { validateTemplate, applyStyleOverrides, TemplateError, TEMPLATE_FORMAT, MASTER_FIELDS } from './validate';
export type { TemplateProblem, RoleTable } from './validate';
