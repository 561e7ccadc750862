import type { CliIO } from '../io';
import { UsageError } from '../io';

export const summary = '(layout: not built yet)';

export async function run(_argv: string[], _io: CliIO): Promise<number> {
  throw new UsageError('the layout command is not available in this build');
}
