// Drives the web console in Debian's headless Chromium: create a table with a stream, put an item through the
// page, see it listed, edit it, then watch another client's INSERT and MODIFY reach the live feed.
// Usage: node console-test.mjs ENDPOINT SCREENSHOT_DIR. Prints one "ok: ..." line per step; exits non-zero on failure.
import { chromium } from 'playwright-core';

const [endpoint, shots] = process.argv.slice(2);
const TABLE = 'Orders';
const AUTH = 'AWS4-HMAC-SHA256 Credential=other-client/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0';

// Another client, writing through the API the way any SDK does.
async function call(action, body) {
  const res = await fetch(endpoint + '/', {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-amz-json-1.0', 'X-Amz-Target': 'DynamoDB_20120810.' + action, Authorization: AUTH },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(action + ' failed: ' + await res.text());
  return res.json();
}

function ok(step) {
  console.log('ok: ' + step);
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  await page.goto(endpoint + '/console/');
  await page.waitForSelector('#tables', { state: 'attached' });
  ok('console loaded');

  await page.click('#new-table');
  await page.fill('#ct-name', TABLE);
  await page.fill('#ct-pk', 'orderId');
  await page.selectOption('#ct-stream', 'NEW_AND_OLD_IMAGES');
  await page.click('#ct-submit');
  await page.waitForSelector(`.table-link[data-table="${TABLE}"]`);
  await page.waitForSelector('#table-view:not([hidden])');
  await page.waitForFunction(() => document.querySelector('[data-field="Stream"]')?.textContent === 'NEW_AND_OLD_IMAGES');
  ok('table created with a stream');
  await page.screenshot({ path: shots + '/console-table.png' });

  await page.click('#tab-items');
  await page.click('#new-item');
  await page.fill('#item-json', JSON.stringify({ orderId: { S: 'o-1' }, status: { S: 'placed' }, total: { N: '42' } }));
  await page.click('#item-save');
  await page.waitForSelector('.item-row[data-key=\'{"orderId":{"S":"o-1"}}\']');
  ok('item put through the page is listed');

  // an item the API refuses: the page shows the API's own words
  await page.click('#new-item');
  await page.fill('#item-json', JSON.stringify({ status: { S: 'no key' } }));
  await page.click('#item-save');
  await page.waitForSelector('#item-error:not([hidden])');
  const refusal = await page.textContent('#item-error');
  if (refusal !== 'ValidationException: One or more parameter values were invalid: Missing the key orderId in the item') {
    throw new Error('unexpected refusal text: ' + refusal);
  }
  ok('refusal shown as the API words it');
  await page.click('#item-cancel');

  await page.click('.item-row[data-key=\'{"orderId":{"S":"o-1"}}\'] .item-edit');
  await page.waitForSelector('#item-editor:not([hidden])');
  const edited = JSON.parse(await page.inputValue('#item-json'));
  edited.status = { S: 'shipped' };
  await page.fill('#item-json', JSON.stringify(edited, null, 2));
  await page.screenshot({ path: shots + '/console-item-editor.png' });
  await page.click('#item-save');
  await page.waitForFunction(() => [...document.querySelectorAll('.item-row td')].some((td) => td.textContent === 'shipped'));
  ok('item edited through the page');

  await page.click('#tab-feed');
  await page.waitForSelector('.feed-event[data-event="INSERT"][data-keys="orderId=o-1"]', { timeout: 5000 });
  await page.waitForSelector('.feed-event[data-event="MODIFY"][data-keys="orderId=o-1"]', { timeout: 5000 });
  ok("the page's own INSERT and MODIFY are in the feed");

  let started = Date.now();
  await call('PutItem', { TableName: TABLE, Item: { orderId: { S: 'o-2' }, status: { S: 'placed' }, total: { N: '7' } } });
  await page.waitForSelector('.feed-event[data-event="INSERT"][data-keys="orderId=o-2"]', { timeout: 1000 });
  ok(`another client's INSERT in the feed ${Date.now() - started} ms after its write began`);
  started = Date.now();
  await call('UpdateItem', {
    TableName: TABLE, Key: { orderId: { S: 'o-2' } }, UpdateExpression: 'SET #s = :s, note = :n',
    ExpressionAttributeNames: { '#s': 'status' }, ExpressionAttributeValues: { ':s': { S: 'shipped' }, ':n': { S: 'fragile' } },
  });
  const modify = '.feed-event[data-event="MODIFY"][data-keys="orderId=o-2"]';
  await page.waitForSelector(modify, { timeout: 1000 });
  ok(`another client's MODIFY in the feed ${Date.now() - started} ms after its write began`);
  const classes = await page.$$eval(modify + ' tr[data-attribute]', (rows) => Object.fromEntries(rows.map((r) => [r.dataset.attribute, r.className])));
  if (classes.status !== 'changed' || classes.note !== 'added' || classes.total !== 'same') {
    throw new Error('MODIFY highlights wrong: ' + JSON.stringify(classes));
  }
  ok('changed and added attributes highlighted, unchanged ones not');

  await page.fill('#feed-filter', 'o-1');
  if (!(await page.isHidden(modify)) || await page.isHidden('.feed-event[data-keys="orderId=o-1"]')) throw new Error('key filter did not filter');
  await page.fill('#feed-filter', '');
  await page.click('#feed-pause');
  await call('DeleteItem', { TableName: TABLE, Key: { orderId: { S: 'o-2' } } });
  await page.waitForFunction(() => document.querySelector('#feed-pause').textContent.startsWith('Resume (1'));
  if (await page.$('.feed-event[data-event="REMOVE"]')) throw new Error('a paused feed showed a change');
  await page.click('#feed-pause');
  await page.waitForSelector('.feed-event[data-event="REMOVE"][data-keys="orderId=o-2"]');
  ok('pause holds changes back and resume shows them');
  await page.screenshot({ path: shots + '/console-live-feed.png' });

  await page.click('#tab-shards');
  await page.waitForSelector('.shard-row');
  await page.waitForSelector('.consumer', { timeout: 15000 }).catch(async (e) => {
    const seen = await (await fetch(endpoint + '/console/consumers?table=' + TABLE)).text();
    throw new Error('no consumer shown; /console/consumers says ' + seen + '; ' + e.message);
  });
  const shards = await page.$$eval('.shard-row', (rows) => rows.length);
  ok(`shard(s) shown with a consumer's positions: ${shards} shards`);
  await page.screenshot({ path: shots + '/console-shards.png', fullPage: true });

  if (pageErrors.length) throw new Error('errors in the page: ' + pageErrors.join('; '));
  ok('no errors in the page');
} finally {
  await browser.close();
}
