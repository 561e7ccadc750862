// A newsroom server process for the tests that kill it: the real server (configuration by
// environment) with the tests' change rules. Bundled by tests/support/newsroom.ts.
import { readConfig } from '../../newsroom/server/config';
import { createNewsroomServer } from '../../newsroom/server/server';
import { testRules } from './newsroom-rules';

void createNewsroomServer({ config: readConfig(), checkChange: testRules })
  .start()
  .catch((e: unknown) => {
    process.stderr.write(`${String(e)}\n`);
    process.exit(1);
  });
