import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateKeyPair, jwtVerify, SignJWT } from 'jose';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConsoleHandler } from '../../../local/console/index.ts';
import { type DemoEngine, startDemoEngine } from '../ops/fixtures/demo-engine.ts';

/**
 * The operator console in a real headless Chromium (Debian's `chromium` package) against a real
 * engine: list executions, open the failed one, see its failing state and cause, redrive it to
 * success. Screenshots of the main views go to test-results/screenshots/, or to docs/screenshots/
 * with UPDATE_SCREENSHOTS=1.
 */
const CHROMIUM = '/usr/bin/chromium';
// Every run takes the screenshots; they replace the committed ones in docs/ only when asked
// (UPDATE_SCREENSHOTS=1), so a test run does not leave the tree changed by timestamps.
const SCREENSHOTS = new URL(
  process.env.UPDATE_SCREENSHOTS === '1'
    ? '../../../docs/screenshots/'
    : '../../../test-results/screenshots/',
  import.meta.url,
).pathname;

let demo: DemoEngine;
let server: Server;
let browser: Browser;
let page: Page;
let baseUrl: string;
let operatorToken: string;
let caseworkerToken: string;
let failedArn: string;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `${CHROMIUM} is missing: the console's browser test needs Debian's chromium (apt-get install -y chromium)`,
    );
  }
  const { publicKey, privateKey } = await generateKeyPair('ES256');
  const mint = (groups: string[]) =>
    new SignJWT({ 'cognito:groups': groups })
      .setProtectedHeader({ alg: 'ES256' })
      .setSubject(`test-${groups[0]}`)
      .setIssuer('local-test')
      .setExpirationTime('10m')
      .sign(privateKey);
  operatorToken = await mint(['operator']);
  caseworkerToken = await mint(['caseworker']);

  demo = await startDemoEngine();
  failedArn = await demo.start(
    { allocationId: 'ALLOC-0001', householdId: 'HH-0001', siteIds: ['SITE-001', 'SITE-002'] },
    'alloc-0001',
  );
  await demo.engine.waitForExecution(failedArn);
  demo.faults.reserveKits = false;
  await demo.engine.waitForExecution(
    await demo.start(
      { allocationId: 'ALLOC-0002', householdId: 'HH-0002', siteIds: ['SITE-003'] },
      'alloc-0002',
    ),
  );
  demo.faults.reserveKits = true;
  await demo.start({ householdId: 'HH-0003' }, 'review-hh-0003', demo.reviewMachineArn);
  await demo.start({ caseId: 'GBV-0042' }, 'follow-up-gbv-0042', demo.followUpMachineArn);

  const handler = createConsoleHandler({
    sfnEndpoint: demo.endpoint,
    refreshSeconds: 1,
    verifyToken: async (token) => (await jwtVerify(token, publicKey, { issuer: 'local-test' })).payload,
  });
  server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/console/`;

  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  page.on('pageerror', (error) => {
    throw error;
  });
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
  // Stop the follow-up reminder loop before closing the engine.
  await demo?.engine.stopExecution({
    executionArn: demo.followUpMachineArn.replace(':stateMachine:', ':execution:') + ':follow-up-gbv-0042',
  });
  await demo?.close();
});

async function signIn(token: string) {
  await page.goto(baseUrl);
  await page.getByLabel('Operator token').fill(token);
  await page.getByRole('button', { name: 'Open the console' }).click();
}

describe('operator console in Chromium', () => {
  it('asks for a token and refuses one that is not an operator', async () => {
    await page.goto(baseUrl);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Operator console');
    await page.screenshot({ path: `${SCREENSHOTS}login.png` });
    await signIn(caseworkerToken);
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toBe('This token does not belong to the operator group.');
  });

  it('shows state machines with counts by status', async () => {
    await signIn(operatorToken);
    const row = page.getByRole('row', { name: /kit-dispatch-demo/ });
    await expect
      .poll(() => row.getByRole('link', { name: /failed executions of kit-dispatch-demo/ }).textContent())
      .toBe('1');
    await expect.poll(() => row.getByRole('link', { name: /succeeded executions/ }).textContent()).toBe('1');
    await page.screenshot({ path: `${SCREENSHOTS}state-machines.png` });
  });

  it('lists executions and filters them by status with the keyboard', async () => {
    await page.getByRole('link', { name: 'Executions', exact: true }).click();
    await expect.poll(() => page.getByRole('link', { name: 'alloc-0002' }).count()).toBe(1);
    await page.getByLabel('Status').focus();
    await page.getByLabel('Status').selectOption('FAILED');
    await expect.poll(() => page.getByRole('link', { name: 'alloc-0002' }).count()).toBe(0);
    await expect.poll(() => page.getByRole('link', { name: 'alloc-0001' }).count()).toBe(1);
    await page.getByLabel('Status').selectOption('');
    await expect.poll(() => page.getByRole('link', { name: 'alloc-0002' }).count()).toBe(1);
    await page.screenshot({ path: `${SCREENSHOTS}executions.png` });
  });

  it('opens the failed execution: its failing state is red in the graph, with the cause', async () => {
    // Tall enough for the whole graph in the screenshot.
    await page.setViewportSize({ width: 1440, height: 1400 });
    await page.getByLabel('Status').selectOption('FAILED');
    await page.getByRole('link', { name: 'alloc-0001' }).click();
    const failing = page.locator('svg.graph g[data-state="Reserve kits"]');
    await expect.poll(() => failing.getAttribute('data-status')).toBe('failed');
    expect(
      await page.locator('svg.graph g[data-state="Check eligibility"]').getAttribute('data-status'),
    ).toBe('succeeded');
    expect(
      await page.locator('svg.graph g[data-state="Distribute per site"]').getAttribute('data-status'),
    ).toBe('not-reached');
    const failure = page.getByRole('region', { name: /Failure in “Reserve kits”/ });
    expect(await failure.locator('.failure-error').textContent()).toBe('StockLedgerUnavailable');
    expect(await failure.locator('.failure-cause').textContent()).toContain(
      'Stock ledger unavailable for site SITE-001',
    );
    const history = page.getByRole('region', { name: 'Event history' });
    expect(await history.getByRole('row', { name: /TaskFailed/ }).count()).toBe(1);
    // No payloads unless asked: the allocation id is in the input, not on the page.
    expect(await page.content()).not.toContain('ALLOC-0001');
    await page.screenshot({ path: `${SCREENSHOTS}execution-failed.png`, fullPage: true });
  });

  it('redrives it to success after a keyboard-confirmed dialog', async () => {
    demo.faults.reserveKits = false;
    await page.getByRole('button', { name: 'Redrive' }).focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Redrive this execution?' });
    await expect.poll(() => dialog.isVisible()).toBe(true);
    await page.screenshot({ path: `${SCREENSHOTS}redrive-confirm.png` });
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.locator('.facts .badge').textContent(), { timeout: 15_000 })
      .toBe('Succeeded');
    await expect
      .poll(() => page.locator('svg.graph g[data-state="Reserve kits"]').getAttribute('data-status'))
      .toBe('succeeded');
    expect(
      await page.locator('svg.graph g[data-state="Distribute per site"]').getAttribute('data-status'),
    ).toBe('succeeded');
    expect(await page.getByRole('region', { name: /Failure/ }).count()).toBe(0);
    await page.screenshot({ path: `${SCREENSHOTS}execution-redriven.png`, fullPage: true });
  });

  it('shows input and output only behind the toggle', async () => {
    await page.getByLabel('Show input and output').check();
    await expect.poll(async () => (await page.content()).includes('ALLOC-0001')).toBe(true);
    await page.getByLabel('Show input and output').uncheck();
  });

  it('shows programme views: pending reviews and overdue GBV follow-ups by case id', async () => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.getByRole('link', { name: 'Programme' }).click();
    const reviews = page.getByRole('region', { name: /Pending supervisor reviews/ });
    await expect.poll(() => reviews.getByRole('row', { name: /HH-0003/ }).count()).toBe(1);
    const followUps = page.getByRole('region', { name: /Overdue GBV follow-ups/ });
    await expect
      .poll(() => followUps.getByRole('row', { name: 'GBV-0042' }).count(), { timeout: 15_000 })
      .toBe(1);
    await page.screenshot({ path: `${SCREENSHOTS}programme.png` });
  });

  it('stops a running execution after confirmation: the waiting state shows cancelled', async () => {
    await page.getByRole('link', { name: 'HH-0003' }).click();
    const waiting = page.locator('svg.graph g[data-state="Wait for supervisor review"]');
    await expect.poll(() => waiting.getAttribute('data-status')).toBe('in-progress');
    await page.getByRole('button', { name: 'Stop execution' }).click();
    await page
      .getByRole('dialog', { name: 'Stop this execution?' })
      .getByRole('button', { name: 'Stop execution' })
      .click();
    await expect.poll(() => page.locator('.facts .badge').textContent(), { timeout: 15_000 }).toBe('Aborted');
    await expect.poll(() => waiting.getAttribute('data-status')).toBe('aborted');
    expect(await page.getByRole('button', { name: 'Redrive' }).isEnabled()).toBe(true);
  });

  it('announces refreshes politely and shows a visible focus ring', async () => {
    expect(await page.locator('[aria-live="polite"]').count()).toBe(1);
    await page.keyboard.press('Tab');
    const outline = await page.evaluate(
      () => getComputedStyle(document.activeElement as Element).outlineStyle,
    );
    expect(outline).toBe('solid');
  });
});

describe('operator console in French', () => {
  it('follows the browser language, page and server messages alike', async () => {
    const context = await browser.newContext({ locale: 'fr-FR', viewport: { width: 1440, height: 1400 } });
    const french = await context.newPage();
    await french.goto(baseUrl);
    await expect
      .poll(() => french.getByRole('heading', { level: 1 }).textContent())
      .toBe('Console des opérateurs');
    expect(await french.locator('html').getAttribute('lang')).toBe('fr');
    await french.getByLabel('Jeton opérateur').fill(caseworkerToken);
    await french.getByRole('button', { name: 'Ouvrir la console' }).click();
    await expect
      .poll(() => french.getByRole('alert').textContent())
      .toBe("Ce jeton n'appartient pas au groupe des opérateurs.");
    await french.getByLabel('Jeton opérateur').fill(operatorToken);
    await french.getByRole('button', { name: 'Ouvrir la console' }).click();
    await expect.poll(() => french.getByRole('heading', { level: 1 }).textContent()).toBe('Machines à états');
    await french.goto(`${baseUrl}#/programme`);
    await expect
      .poll(() => french.getByRole('region', { name: /Revues du superviseur en attente/ }).count())
      .toBe(1);
    await french.goto(`${baseUrl}#/execution?arn=${encodeURIComponent(failedArn)}`);
    await expect
      .poll(() => french.getByRole('heading', { name: 'Historique des événements' }).count())
      .toBe(1);
    expect(await french.locator('svg.graph g[data-state="Check eligibility"] title').textContent()).toBe(
      'Check eligibility (Task): Réussi',
    );
    await french.screenshot({ path: `${SCREENSHOTS}execution-fr.png`, fullPage: true });
    await context.close();
  });
});
