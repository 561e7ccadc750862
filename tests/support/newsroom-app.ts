// The app's 连接编辑部 dialog as the newsroom end-to-end tests drive it: a command through the
// palette (连接编辑部, 发布到编辑部), then the sign-in form.
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { PASSWORD } from './newsroom';

/** Runs a command that opens the 连接编辑部 dialog, through the command palette. */
export async function command(p: Page, name: string): Promise<void> {
  await p.locator('.page-area').click({ position: { x: 5, y: 5 } });
  await p.keyboard.press('Control+k');
  await p.getByRole('combobox', { name: '查找命令' }).fill(name);
  const palette = p.getByRole('dialog', { name: '命令面板' });
  await expect.poll(() => palette.getByRole('option').first().innerText()).toContain(name);
  await p.keyboard.press('Enter');
  await p.getByRole('dialog', { name: '连接编辑部' }).waitFor();
}

/** Signs in with the dialog's form to the server on loopback port `at`. */
export async function signIn(p: Page, at: number, login: string): Promise<void> {
  const d = p.getByRole('dialog', { name: '连接编辑部' });
  await d.getByLabel('服务器地址').fill(`http://127.0.0.1:${at}`);
  await d.getByLabel('登录名').fill(login);
  await d.getByLabel('密码').fill(PASSWORD);
  await d.getByRole('button', { name: '登录' }).click();
  await d.getByText('已登录').waitFor();
}
