// Takes the plugin README's screenshots in headless Chromium from the Jenkins at JENKINS_URL.
//   node shots.mjs OUTPUT_DIR
// Needs puppeteer-core (screenshots.sh installs it) and a Chromium at CHROME (default /usr/bin/chromium).
import puppeteer from 'puppeteer-core';
import path from 'node:path';

const base = process.env.JENKINS_URL;
const out = process.argv[2];
const browser = await puppeteer.launch({
  executablePath: process.env.CHROME || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
});
const page = await browser.newPage();
await page.setViewport({ width: 1280, height: 900, deviceScaleFactor: 1 });
page.setDefaultTimeout(60_000);

async function open(url) {
  await page.goto(base + url, { waitUntil: 'networkidle0' });
}

/** Opens every "Advanced" section inside the element once, so the screenshot shows all fields. */
async function expandAdvanced(handle) {
  const opened = await handle.$$eval('button.advanced-button', buttons => {
    buttons.forEach(b => b.click());
    return buttons.length;
  });
  if (opened > 0) await new Promise(r => setTimeout(r, 700));
}

/** Hides the sticky Save/Apply bar, which would otherwise cover the bottom of tall elements. */
async function hideStickyBars() {
  await page.addStyleTag({ content: '#bottom-sticker, .jenkins-bottom-app-bar__shadow { display: none !important; }' });
}

async function shoot(handle, name) {
  await handle.evaluate(e => e.scrollIntoView({ block: 'start' }));
  await handle.screenshot({ path: path.join(out, name) });
  console.log('wrote ' + name);
}

// 1. The freestyle job's configuration: each build step and the post-build action.
await open('/job/nightly-backup/configure');
await hideStickyBars();
const chunks = await page.$$('#builders .repeated-chunk, div[name="builder"]');
const names = ['freestyle-provision.png', 'freestyle-encrypt-dir.png', 'freestyle-decrypt-dir.png',
  'freestyle-push.png', 'freestyle-pull.png'];
if (chunks.length < names.length) throw new Error(`expected ${names.length} build steps on the page, found ${chunks.length}`);
for (let i = 0; i < names.length; i++) {
  await expandAdvanced(chunks[i]);
  await shoot(chunks[i], names[i]);
}
const publisher = await page.$('div[name="publisher"]');
if (!publisher) throw new Error('no post-build action on the page');
await expandAdvanced(publisher);
await shoot(publisher, 'freestyle-backup-action.png');

// 2. The Snippet Generator with s3EncryptedPush chosen and a snippet generated.
await open('/job/backup/pipeline-syntax/');
const select = await page.$('select.setting-input.dropdownList, select.dropdownList');
const value = await select.evaluate(s => [...s.options].find(o => /^s3EncryptedPush:/.test(o.textContent.trim()))?.value);
if (value === undefined) throw new Error('s3EncryptedPush is not in the Snippet Generator');
await select.select(value);
await new Promise(r => setTimeout(r, 2000));
const form = await page.$('form[name="config"]');
for (const [field, text] of [['source', 'build/out'], ['bucket', 'acme-ci-backups'], ['prefix', 'nightly']]) {
  const input = await form.$(`input[name="_.${field}"]`);
  if (input && await input.isVisible()) await input.type(text);
}
for (const [field, value] of [['awsCredentialsId', 'aws-backup'], ['passwordCredentialsId', 'backup-passphrase']]) {
  await page.waitForFunction(v => [...document.querySelectorAll('select')].some(s => [...s.options].some(o => o.value === v)), {}, value);
  await form.$eval(`select[name="_.${field}"]`, (s, v) => { s.value = v; s.dispatchEvent(new Event('change', { bubbles: true })); }, value);
}
const region = await form.$('input[name="_.region"]');
if (region) await region.type('eu-west-1');
const generate = await page.$('#generatePipelineScript, button[id^="generate"]');
if (generate) {
  await generate.click();
  await page.waitForFunction(() => (document.querySelector('textarea#prototypeText')?.value || '').includes('s3EncryptedPush'));
}
await page.setViewport({ width: 1280, height: 1400, deviceScaleFactor: 1 });
await page.screenshot({ path: path.join(out, 'snippet-generator-push.png'), fullPage: false });
console.log('wrote snippet-generator-push.png');

// 3. The console log of a Pipeline push.
await page.setViewport({ width: 1280, height: 700, deviceScaleFactor: 1 });
await open('/job/backup/lastBuild/console');
const log = await page.$('pre.console-output, #out pre, pre');
await shoot(log, 'build-log-push.png');

await browser.close();
