// The newsroom server's configuration, read once from the environment. A missing or bad value is
// refused with a message in Chinese and English naming the variable.
export interface NewsroomConfig {
  databaseUrl: string;
  port: number;
  host: string;
  /** Server secret (≥ 32 characters): keys the hashes of session tokens. */
  secret: string;
}

export class ConfigError extends Error {}

export function readConfig(env: NodeJS.ProcessEnv = process.env): NewsroomConfig {
  const databaseUrl = env.BANMIAN_NEWSROOM_DATABASE_URL?.trim();
  if (!databaseUrl)
    throw new ConfigError(
      '缺少数据库地址：请设置 BANMIAN_NEWSROOM_DATABASE_URL（如 postgres://user:pass@127.0.0.1:5432/banmian）\n' +
        'BANMIAN_NEWSROOM_DATABASE_URL is required (e.g. postgres://user:pass@127.0.0.1:5432/banmian)',
    );
  if (!/^postgres(ql)?:\/\//.test(databaseUrl))
    throw new ConfigError(
      `数据库地址须以 postgres:// 开头：${databaseUrl.replace(/:[^:@/]*@/, ':***@')}\n` +
        'BANMIAN_NEWSROOM_DATABASE_URL must start with postgres://',
    );
  const portText = env.BANMIAN_NEWSROOM_PORT?.trim() || '7420';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port < 1 || port > 65535)
    throw new ConfigError(
      `端口无效：BANMIAN_NEWSROOM_PORT=${portText}（应为 1–65535 的整数）\n` +
        `BANMIAN_NEWSROOM_PORT must be an integer 1–65535, not ${portText}`,
    );
  const host = env.BANMIAN_NEWSROOM_HOST?.trim() || '127.0.0.1';
  const secret = env.BANMIAN_NEWSROOM_SECRET ?? '';
  if (secret.length < 32)
    throw new ConfigError(
      (secret ? '服务器密钥太短' : '缺少服务器密钥') +
        '：请将 BANMIAN_NEWSROOM_SECRET 设为至少 32 个字符的随机串（如 openssl rand -hex 32）\n' +
        'BANMIAN_NEWSROOM_SECRET must be set to a random string of at least 32 characters',
    );
  return { databaseUrl, port, host, secret };
}
