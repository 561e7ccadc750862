// The newsroom server's configuration by environment: defaults, and clear refusals in Chinese and English.
import { describe, expect, it } from 'vitest';
import { readConfig } from '../../../newsroom/server/config';

const ok = {
  BANMIAN_NEWSROOM_DATABASE_URL: 'postgres://banmian@127.0.0.1:5432/banmian',
  BANMIAN_NEWSROOM_SECRET: 'x'.repeat(32),
};

describe('newsroom configuration', () => {
  it('takes the database and secret, with port 7420 on 127.0.0.1 by default', () => {
    expect(readConfig(ok)).toEqual({
      databaseUrl: ok.BANMIAN_NEWSROOM_DATABASE_URL,
      secret: ok.BANMIAN_NEWSROOM_SECRET,
      port: 7420,
      host: '127.0.0.1',
    });
    expect(
      readConfig({ ...ok, BANMIAN_NEWSROOM_PORT: '8080', BANMIAN_NEWSROOM_HOST: '0.0.0.0' }),
    ).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
    });
  });

  it('refuses a missing or bad value, naming the variable', () => {
    expect(() => readConfig({ ...ok, BANMIAN_NEWSROOM_DATABASE_URL: '' })).toThrow(
      /缺少数据库地址.*\n.*DATABASE_URL is required/,
    );
    expect(() => readConfig({ ...ok, BANMIAN_NEWSROOM_DATABASE_URL: 'mysql://x' })).toThrow(
      '须以 postgres:// 开头',
    );
    expect(() => readConfig({ ...ok, BANMIAN_NEWSROOM_SECRET: undefined })).toThrow('缺少服务器密钥');
    expect(() => readConfig({ ...ok, BANMIAN_NEWSROOM_SECRET: 'short' })).toThrow(
      /服务器密钥太短.*\n.*at least 32/,
    );
    expect(() => readConfig({ ...ok, BANMIAN_NEWSROOM_PORT: '70000' })).toThrow('端口无效');
    expect(() => readConfig({ ...ok, BANMIAN_NEWSROOM_PORT: 'abc' })).toThrow(
      'BANMIAN_NEWSROOM_PORT must be',
    );
  });
});
