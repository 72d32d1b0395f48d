/**
 * `npm run ui:screenshots` (issue 14 §4): the journey as ops see it in the Temporal Web UI, checked
 * in headless Chromium (Debian `chromium`, driven by `puppeteer-core`; set CHROMIUM_PATH for
 * another binary). Starts the system as `npm start` does, drives one journey to a breached and an
 * open deadline, opens its workflow page with the codec server configured as README explains (the
 * `--ui-codec-endpoint` start.ts passes; the UI's requests to it carry `ECM_CODEC_TOKEN`), saves
 * screenshots to `.data/screenshots/`, and fails (exit 1) unless the page shows the current details
 * and the rule-named timer summaries, decoded. Not in `npm test`: it needs Chromium and a minute.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core' with { 'resolution-mode': 'import' };
import { memberJourneyWorkflowId } from '../../src/contracts/member-journey';
import { PROJECT_ROOT } from '../../src/dev/runtime/temporal-binaries';
import { driveJourney } from './drive-journey';
import { startUiCheckSystem, type UiCheckSystem } from './ui-check-system';

const OUT = join(PROJECT_ROOT, '.data', 'screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * The page's visible text, its frames' included: the UI renders current details (markdown) in a
 * sandboxed frame. Evaluated in the browser; the project's types have no DOM.
 */
async function pageText(page: Page): Promise<string> {
  const texts = await Promise.all(page.frames().map(async (f) => String(await f.evaluate('document.body ? document.body.innerText : ""').catch(() => ''))));
  return texts.join('\n');
}

/** A timer the UI could not label from its summary: the timer ID and its duration, e.g. `7 (30d, 1h)`. */
const UNLABELLED_TIMER = /^\d+ \((?:\d+(?:months?|d|h|m|s|ms)(?:, )?)+\)$/m;

/** What a page's text lacks of what it must show (and any timer it shows unlabelled). */
function lacking(text: string, expected: readonly string[]): string[] {
  const missing = expected.filter((e) => !text.includes(e));
  const unlabelled = UNLABELLED_TIMER.exec(text);
  return unlabelled ? [...missing, `a timer without its summary: ${unlabelled[0]}`] : missing;
}

/**
 * Screenshots the page once it shows everything expected. The UI decodes summaries through the
 * codec server after it renders, and re-renders on auto-refresh, so the text is read again right
 * after the shot, and the shot retaken until both agree. Answers what is still lacking at the end.
 */
async function shootWhenShown(page: Page, name: string, expected: readonly string[], shots: string[], timeoutMs = 60_000): Promise<string[]> {
  const path = join(OUT, name);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    let missing = lacking(await pageText(page), expected);
    if (missing.length === 0) {
      await page.screenshot({ path, fullPage: true });
      const text = await pageText(page);
      missing = lacking(text, expected);
      if (missing.length === 0 || Date.now() > deadline) {
        writeFileSync(path.replace(/\.png$/, '.txt'), text);
        shots.push(path);
        return missing;
      }
    }
    if (Date.now() > deadline) {
      await page.screenshot({ path, fullPage: true });
      writeFileSync(path.replace(/\.png$/, '.txt'), await pageText(page));
      return missing;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function check(sys: UiCheckSystem, shots: string[]): Promise<string[]> {
  const memberId = await driveJourney(sys);
  const workflowId = memberJourneyWorkflowId(memberId);
  // puppeteer-core is an ES module; this script is CommonJS.
  const { default: puppeteer } = await import('puppeteer-core');
  const browser = await puppeteer.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
  const failures: string[] = [];
  try {
    const page = await browser.newPage();
    await page.setViewport({ width: 1600, height: 1200 });
    // The codec server is closed to anonymous callers: the UI's calls to it carry the codec token,
    // as a deployment's UI does with `ECM_CODEC_TOKEN` (README, "Reading payloads in the Web UI").
    await page.setRequestInterception(true);
    page.on('request', (request) => {
      if (request.url().startsWith(sys.codecUrl) && request.method() !== 'OPTIONS') {
        void request.continue({ headers: { ...request.headers(), authorization: `Bearer ${sys.codecToken}` } });
      } else void request.continue();
    });
    const base = `${sys.uiUrl}/namespaces/default/workflows/${encodeURIComponent(workflowId)}`;
    await page.goto(base, { waitUntil: 'load', timeout: 60_000 });
    // Timeline (the default tab): every timer by its decoded summary, the pending ones still running.
    const timers = ['R-LCM-72H due ', 'R-AUTH-LAPSE due ', 'R-AUTH-LAPSE due-soon ', 'R-DECLINE-1BD due '];
    failures.push(...(await shootWhenShown(page, 'journey-timeline.png', timers, shots)).map((m) => `Timeline lacks ${m}`));
    for (const [tab, file, expected] of [
      ['Pending Activities', 'journey-pending-activities.png', []],
      ['Event History', 'journey-event-history.png', ['Timer Started', 'Timer Fired', 'R-AUTH-LAPSE due-soon ']],
      // Current details (setCurrentDetails), read by the UI through the metadata query and decoded.
      ['User Metadata', 'journey-current-details.png', ['Stage:', 'ASSIGNED', 'Lead Care Manager:', 'not named', 'R-AUTH-LAPSE', 'Breached, awaiting the late act', 'R-LCM-72H']],
    ] as const) {
      await page.locator(`::-p-text(${tab})`).click();
      failures.push(...(await shootWhenShown(page, file, expected, shots)).map((m) => `${tab} lacks ${m}`));
    }
  } finally {
    await browser.close();
  }
  return failures;
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const sys = await startUiCheckSystem();
  let failures: string[];
  const shots: string[] = [];
  try {
    failures = await check(sys, shots);
  } finally {
    await sys.stop();
  }
  if (failures.length) {
    console.error(`UI check failed:\n- ${failures.join('\n- ')}`);
    process.exit(1);
  }
  console.log(`UI check passed; screenshots:\n${shots.join('\n')}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
