// A newsroom server process for the load test and benchmarks: the real server with the edition's
// rules (newsroom/shared/rules.ts), configured by environment (Redis too). Bundled by newsroom-load.ts.
import { readConfig } from '../../newsroom/server/config';
import { quietLog, stdoutLog } from '../../newsroom/server/log';
import { createNewsroomServer } from '../../newsroom/server/server';
import { checkChange } from '../../newsroom/shared/rules';

void createNewsroomServer({
  config: readConfig(),
  checkChange,
  // No line per connection or document load (they would be measured too); refusals and failures shown.
  log: (event, context) => (['open', 'load'].includes(event) ? quietLog : stdoutLog)(event, context),
})
  .start()
  .catch((e: unknown) => {
    process.stderr.write(`${String(e)}\n`);
    process.exit(1);
  });
