// The change rules the running server enforces. newsroom/shared/rules.ts provides them; until it is
// part of the build this is null and `serve` refuses to start (the server has no permissive default).
import type { CheckChange } from '../shared/protocol';

export const rulesInUse: CheckChange | null = null;
