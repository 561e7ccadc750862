// A newsroom server process with the edition's real change rules (newsroom/shared/rules.ts), for the
// end-to-end tests: the real server, configured by environment. Bundled by tests/support/newsroom.ts.
import { readConfig } from '../../newsroom/server/config';
import { createNewsroomServer } from '../../newsroom/server/server';
import { checkChange } from '../../newsroom/shared/rules';

void createNewsroomServer({ config: readConfig(), checkChange })
  .start()
  .catch((e: unknown) => {
    process.stderr.write(`${String(e)}\n`);
    process.exit(1);
  });
