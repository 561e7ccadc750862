// `npm run newsroom`: the newsroom server. Commands:
//   serve (default)                                  run the server (configuration by environment)
//   add-user --login L --name N --role R             create or update an account; the password from
//                                                    BANMIAN_NEWSROOM_PASSWORD or the first line of stdin
import { parseArgs } from 'node:util';
import { ROLES } from '../../newsroom/shared/protocol';
import { addAccount, AccountError } from './accounts';
import { ConfigError, readConfig } from './config';
import { createPool, migrate } from './db';
import { stdoutLog } from './log';
import { checkChange } from '../../newsroom/shared/rules';
import { createNewsroomServer } from './server';

const USAGE = `用法 usage:
  newsroom [serve]
  newsroom add-user --login 登录名 --name 姓名 --role ${ROLES.join('|')}
环境变量 environment: BANMIAN_NEWSROOM_DATABASE_URL, BANMIAN_NEWSROOM_SECRET, BANMIAN_NEWSROOM_PORT (7420),
  BANMIAN_NEWSROOM_HOST (127.0.0.1), BANMIAN_NEWSROOM_REDIS_URL (several instances),
  BANMIAN_NEWSROOM_PASSWORD (add-user)`;

async function readPassword(): Promise<string> {
  const fromEnv = process.env.BANMIAN_NEWSROOM_PASSWORD;
  if (fromEnv) return fromEnv;
  if (process.stdin.isTTY) process.stderr.write('密码 password: ');
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0];
}

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      login: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const command = positionals[0] ?? 'serve';
  if (values.help) return void process.stdout.write(USAGE + '\n');
  const config = readConfig();
  if (command === 'add-user') {
    if (!values.login || !values.name || !values.role)
      throw new ConfigError(`add-user 需要 --login、--name 和 --role\n${USAGE}`);
    const pool = createPool(config.databaseUrl);
    try {
      await migrate(pool);
      const person = await addAccount(pool, {
        login: values.login,
        name: values.name,
        role: values.role,
        password: await readPassword(),
      });
      stdoutLog('account', { ...person });
    } finally {
      await pool.end();
    }
  } else if (command === 'serve') {
    const server = createNewsroomServer({ config, checkChange });
    await server.start();
    const stop = () => void server.stop().then(() => process.exit(0));
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  } else throw new ConfigError(`未知命令 unknown command: ${command}\n${USAGE}`);
}

main().catch((e: unknown) => {
  if (e instanceof ConfigError || e instanceof AccountError) process.stderr.write(`${e.message}\n`);
  else process.stderr.write(`newsroom: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
