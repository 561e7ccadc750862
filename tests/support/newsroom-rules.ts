// The change rules the newsroom server tests run with: built on `can`, refusing layout changes by
// anyone but 版面编辑/值班总编 and copy changes by 校对. (The edition's real rules are
// newsroom/shared/rules.ts.)
import { can, type CheckChange } from '../../newsroom/shared/protocol';

export const testRules: CheckChange = (name, _before, _after, person) => {
  if (name.kind === 'layout' && !can.editLayout(person.role))
    return {
      type: 'refused',
      doc: `edition/${name.edition}/layout`,
      code: 'forbidden',
      message: '只有版面编辑可以改版面',
    };
  if (name.kind === 'copy' && !can.editCopy(person.role, 'draft', false))
    return {
      type: 'refused',
      doc: `edition/${name.edition}/copy/${name.article}`,
      code: 'forbidden',
      message: '校对不能修改稿件正文',
    };
  return null;
};
