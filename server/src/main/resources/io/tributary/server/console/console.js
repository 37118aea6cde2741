'use strict';
// The Tributary console: everything through the DynamoDB API on this same port, except the live feed
// (server-sent events from /console/feed) and the shard and consumer views (/console/shards, /console/consumers).

// The server accepts any key when it runs without --credentials; this names the region the ARNs carry.
const AUTH = 'AWS4-HMAC-SHA256 Credential=tributary-console/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0';
const PAGE = 25;
const FEED_KEEP = 500;

const $ = (id) => document.getElementById(id);
const state = { table: null, description: null, tab: 'overview', lastKey: null, feed: null, paused: false, held: [], shardTimer: null };

class ApiError extends Error {
  constructor(type, message) { super(message); this.type = type; }
  toString() { return this.type + ': ' + this.message; }
}

async function api(action, body, streams) {
  const target = (streams ? 'DynamoDBStreams_20120810.' : 'DynamoDB_20120810.') + action;
  const res = await fetch('/', {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-amz-json-1.0', 'X-Amz-Target': target, 'Authorization': AUTH },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  const json = text ? JSON.parse(text) : {};
  if (!res.ok) throw new ApiError((json.__type || 'Error').split('#').pop(), json.message || json.Message || text);
  return json;
}

async function consoleJson(path) {
  const res = await fetch('/console/' + path);
  const json = await res.json();
  if (!res.ok) throw new ApiError((json.__type || 'Error').split('#').pop(), json.message || json.Message);
  return json;
}

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === 'class') e.className = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else if (v !== undefined && v !== null) e.setAttribute(k, v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined) e.append(c instanceof Node ? c : String(c));
  return e;
}

function showError(id, error) {
  const p = $(id);
  p.hidden = !error;
  p.textContent = error ? String(error) : '';
}

// An attribute value as people read it: strings and numbers bare, the rest as compact JSON.
function show(av) {
  if (av === undefined) return '';
  const [type, v] = Object.entries(av)[0];
  switch (type) {
    case 'S': case 'N': return v;
    case 'BOOL': return String(v);
    case 'NULL': return 'null';
    case 'B': return 'b64:' + v;
    case 'SS': case 'NS': case 'BS': return '{' + v.join(', ') + '}';
    case 'L': return '[' + v.map(show).join(', ') + ']';
    case 'M': return '{' + Object.entries(v).map(([k, x]) => k + ': ' + show(x)).join(', ') + '}';
    default: return JSON.stringify(av);
  }
}

function keyNames() {
  return state.description ? state.description.KeySchema.map((k) => k.AttributeName) : [];
}

function keyOf(item) {
  const key = {};
  for (const name of keyNames()) key[name] = item[name];
  return key;
}

// ---- tables ----

async function loadTables() {
  const names = [];
  let start;
  do {
    const page = await api('ListTables', start ? { ExclusiveStartTableName: start } : {});
    names.push(...page.TableNames);
    start = page.LastEvaluatedTableName;
  } while (start);
  const list = $('tables');
  list.replaceChildren(...names.map((n) => el('li', {}, el('a', {
    href: '#' + encodeURIComponent(n), class: 'table-link' + (n === state.table ? ' selected' : ''), 'data-table': n,
  }, n))));
  $('no-tables').hidden = names.length > 0;
  return names;
}

async function selectTable(name) {
  if (state.table !== name) {
    state.table = name;
    state.lastKey = null;
    stopFeed();
    $('feed').replaceChildren();
  }
  $('welcome').hidden = true;
  $('create-table').hidden = true;
  $('table-view').hidden = false;
  $('table-name').textContent = name;
  document.querySelectorAll('.table-link').forEach((a) => a.classList.toggle('selected', a.dataset.table === name));
  try {
    state.description = (await api('DescribeTable', { TableName: name })).Table;
  } catch (e) {
    showError('overview-error', e);
    return;
  }
  renderOverview();
  startFeed();
  openTab(state.tab);
}

function renderOverview() {
  const t = state.description;
  const types = Object.fromEntries((t.AttributeDefinitions || []).map((a) => [a.AttributeName, a.AttributeType]));
  const keys = (schema) => schema.map((k) => `${k.AttributeName} (${types[k.AttributeName] || '?'}, ${k.KeyType === 'HASH' ? 'partition' : 'sort'})`).join(', ');
  const stream = t.StreamSpecification && t.StreamSpecification.StreamEnabled ? t.StreamSpecification.StreamViewType : 'off';
  const indexes = [...(t.GlobalSecondaryIndexes || []).map((i) => `${i.IndexName} (global): ${keys(i.KeySchema)}`),
    ...(t.LocalSecondaryIndexes || []).map((i) => `${i.IndexName} (local): ${keys(i.KeySchema)}`)];
  const rows = [
    ['Status', t.TableStatus], ['Key', keys(t.KeySchema)], ['Indexes', indexes.length ? indexes.join('; ') : 'none'],
    ['Stream', stream], ['Latest stream', t.LatestStreamArn || '—'], ['Items', t.ItemCount], ['Size', t.TableSizeBytes + ' bytes'],
    ['Created', new Date(t.CreationDateTime * 1000).toLocaleString()],
  ];
  $('overview').replaceChildren(...rows.flatMap(([k, v]) => [el('dt', {}, k), el('dd', { 'data-field': k }, v)]));
  showError('overview-error', null);
}

async function createTable(event) {
  event.preventDefault();
  const name = $('ct-name').value.trim();
  const attrs = [{ AttributeName: $('ct-pk').value.trim(), AttributeType: $('ct-pk-type').value }];
  const schema = [{ AttributeName: attrs[0].AttributeName, KeyType: 'HASH' }];
  if ($('ct-sk').value.trim()) {
    attrs.push({ AttributeName: $('ct-sk').value.trim(), AttributeType: $('ct-sk-type').value });
    schema.push({ AttributeName: attrs[1].AttributeName, KeyType: 'RANGE' });
  }
  const body = { TableName: name, AttributeDefinitions: attrs, KeySchema: schema, BillingMode: 'PAY_PER_REQUEST' };
  if ($('ct-stream').value) body.StreamSpecification = { StreamEnabled: true, StreamViewType: $('ct-stream').value };
  try {
    await api('CreateTable', body);
    showError('ct-error', null);
    $('create-table-form').reset();
    await loadTables();
    location.hash = '#' + encodeURIComponent(name);
  } catch (e) {
    showError('ct-error', e);
  }
}

async function deleteTable() {
  if (!confirm(`Delete table ${state.table} and all its items?`)) return;
  try {
    await api('DeleteTable', { TableName: state.table });
    stopFeed();
    state.table = null;
    $('table-view').hidden = true;
    $('welcome').hidden = false;
    location.hash = '';
    await loadTables();
  } catch (e) {
    showError('overview-error', e);
  }
}

// ---- tabs ----

function openTab(tab) {
  state.tab = tab;
  for (const name of ['overview', 'items', 'feed', 'shards']) {
    $('pane-' + name).hidden = name !== tab;
    $('tab-' + name).classList.toggle('active', name === tab);
  }
  clearInterval(state.shardTimer);
  if (tab === 'items') runSearch(false);
  if (tab === 'shards') {
    loadShards();
    state.shardTimer = setInterval(loadShards, 2000);
  }
}

// ---- items ----

async function runSearch(more) {
  if (!more) state.lastKey = null;
  const mode = $('search-mode').value;
  const body = { TableName: state.table, Limit: PAGE };
  const filter = $('search-filter').value.trim();
  let values = {};
  try {
    if ($('search-values').value.trim()) values = JSON.parse($('search-values').value);
  } catch (e) {
    showError('items-error', 'The expression values are not valid JSON: ' + e.message);
    return;
  }
  if (mode === 'Query') {
    const pk = state.description.KeySchema.find((k) => k.KeyType === 'HASH').AttributeName;
    const type = state.description.AttributeDefinitions.find((a) => a.AttributeName === pk).AttributeType;
    body.KeyConditionExpression = '#pk = :pk';
    body.ExpressionAttributeNames = { '#pk': pk };
    values = { ...values, ':pk': { [type]: $('search-key').value } };
  }
  if (filter) body.FilterExpression = filter;
  if (Object.keys(values).length) body.ExpressionAttributeValues = values;
  if (more && state.lastKey) body.ExclusiveStartKey = state.lastKey;
  try {
    const page = await api(mode, body);
    state.lastKey = page.LastEvaluatedKey || null;
    renderItems(page.Items, more);
    showError('items-error', null);
  } catch (e) {
    showError('items-error', e);
  }
}

function renderItems(items, append) {
  const head = $('items').tHead, bodyEl = $('items').tBodies[0];
  const keys = keyNames();
  const columns = append && head.rows.length ? [...head.rows[0].cells].slice(1).map((c) => c.textContent) : [...keys];
  for (const item of items) for (const name of Object.keys(item)) if (!columns.includes(name)) columns.push(name);
  head.replaceChildren(el('tr', {}, el('th', {}, ''), columns.map((c) => el('th', {}, c))));
  const rows = items.map((item) => el('tr', { class: 'item-row', 'data-key': JSON.stringify(keyOf(item)) },
    el('td', {},
      el('button', { type: 'button', class: 'small item-edit', onclick: () => editItem(item) }, 'Edit'), ' ',
      el('button', { type: 'button', class: 'small danger item-delete', onclick: () => deleteItem(item) }, 'Delete')),
    columns.map((c) => el('td', {}, show(item[c])))));
  if (append) bodyEl.append(...rows);
  else bodyEl.replaceChildren(...rows);
  $('items-next').hidden = !state.lastKey;
  $('items-count').textContent = `${bodyEl.rows.length} item(s) shown` + (state.lastKey ? ', more to read' : '');
}

function editItem(item) {
  $('editor-title').textContent = item ? 'Edit item' : 'New item';
  const blank = Object.fromEntries(state.description.KeySchema.map((k) => [k.AttributeName,
    { [state.description.AttributeDefinitions.find((a) => a.AttributeName === k.AttributeName).AttributeType]: '' }]));
  $('item-json').value = JSON.stringify(item || blank, null, 2);
  $('item-editor').hidden = false;
  showError('item-error', null);
  $('item-json').focus();
}

async function saveItem() {
  let item;
  try {
    item = JSON.parse($('item-json').value);
  } catch (e) {
    showError('item-error', 'The item is not valid JSON: ' + e.message);
    return;
  }
  try {
    await api('PutItem', { TableName: state.table, Item: item });
    $('item-editor').hidden = true;
    showError('item-error', null);
    await runSearch(false);
  } catch (e) {
    showError('item-error', e);
  }
}

async function deleteItem(item) {
  if (!confirm('Delete this item?')) return;
  try {
    await api('DeleteItem', { TableName: state.table, Key: keyOf(item) });
    await runSearch(false);
  } catch (e) {
    showError('items-error', e);
  }
}

// ---- live feed ----

function startFeed() {
  stopFeed();
  const source = new EventSource('/console/feed?table=' + encodeURIComponent(state.table));
  source.onmessage = (m) => onFeedEvent(JSON.parse(m.data));
  source.onerror = () => { $('feed-status').textContent = 'connection lost, reconnecting…'; };
  state.feed = source;
}

function stopFeed() {
  if (state.feed) state.feed.close();
  state.feed = null;
  state.held = [];
}

function onFeedEvent(event) {
  if (event.type === 'status') {
    $('feed-status').textContent = event.state === 'no-stream' ? 'This table has no stream enabled.'
      : event.state === 'following' ? 'Following ' + event.detail : 'Resynchronised: ' + event.detail;
    return;
  }
  if (event.type === 'skipped') {
    addFeedNote(`${event.count} change(s) skipped: the page could not keep up`);
    return;
  }
  if (state.paused) {
    state.held.push(event);
    if (state.held.length > FEED_KEEP) state.held.shift();
    $('feed-pause').textContent = `Resume (${state.held.length} waiting)`;
    return;
  }
  addFeedRecord(event);
}

function addFeedNote(text) {
  $('feed').prepend(el('li', { class: 'feed-event note' }, text));
}

function addFeedRecord(event) {
  const r = event.record, d = r.dynamodb;
  const keyText = Object.entries(d.Keys).map(([k, v]) => `${k}=${show(v)}`).join(', ');
  const oldImage = d.OldImage || {}, newImage = d.NewImage || {};
  const names = [...new Set([...Object.keys(d.Keys), ...Object.keys(oldImage), ...Object.keys(newImage)])];
  const rows = names.map((n) => {
    const o = oldImage[n], nw = newImage[n];
    const kind = o === undefined && nw !== undefined ? 'added' : nw === undefined && o !== undefined ? 'removed'
      : JSON.stringify(o) !== JSON.stringify(nw) ? 'changed' : 'same';
    return el('tr', { class: kind, 'data-attribute': n }, el('th', {}, n), el('td', { class: 'old' }, show(o)), el('td', { class: 'new' }, show(nw)));
  });
  const when = new Date(d.ApproximateCreationDateTime * 1000).toLocaleTimeString();
  const li = el('li', { class: 'feed-event ' + r.eventName, 'data-event': r.eventName, 'data-keys': keyText },
    el('div', { class: 'head' }, el('span', { class: 'badge ' + r.eventName }, r.eventName), el('b', {}, keyText),
      el('span', { class: 'hint' }, `${when} · ${event.shardId} · #${d.SequenceNumber}`)),
    el('table', {}, el('tr', {}, el('th', {}, 'attribute'), el('th', {}, 'old'), el('th', {}, 'new')), rows));
  li.hidden = !matchesFilter(li);
  $('feed').prepend(li);
  while ($('feed').children.length > FEED_KEEP) $('feed').lastElementChild.remove();
}

function matchesFilter(li) {
  const f = $('feed-filter').value.trim();
  return !f || !li.dataset.keys || li.dataset.keys.includes(f);
}

function togglePause() {
  state.paused = !state.paused;
  if (!state.paused) {
    state.held.forEach(addFeedRecord);
    state.held = [];
  }
  $('feed-pause').textContent = state.paused ? 'Resume' : 'Pause';
}

// ---- shards and consumers ----

async function loadShards() {
  if (!state.table) return;
  try {
    const [lineage, consumers] = await Promise.all([
      consoleJson('shards?table=' + encodeURIComponent(state.table)),
      consoleJson('consumers?table=' + encodeURIComponent(state.table)),
    ]);
    renderStreams(lineage.streams);
    renderConsumers(consumers.consumers);
  } catch (e) {
    $('streams').replaceChildren(el('p', { class: 'error' }, String(e)));
  }
}

function renderStreams(streams) {
  if (!streams.length) {
    $('streams').replaceChildren(el('p', { class: 'hint' }, 'This table has never had a stream.'));
    return;
  }
  $('streams').replaceChildren(...streams.slice().reverse().map((s) => {
    const depth = {};
    const byId = Object.fromEntries(s.shards.map((x) => [x.shardId, x]));
    const depthOf = (x) => depth[x.shardId] ??= (x.parentShardId && byId[x.parentShardId] ? depthOf(byId[x.parentShardId]) + 1 : 0);
    const rows = s.shards.map((x) => {
      const name = el('td', {}, (depthOf(x) ? '└ ' : '') + x.shardId);
      name.style.paddingLeft = (8 + depthOf(x) * 18) + 'px';
      return el('tr', { class: 'shard-row', 'data-shard': x.shardId, 'data-open': String(x.open) }, name,
        el('td', {}, x.parentShardId || '—'),
        el('td', { class: x.open ? 'state-open' : 'state-closed' }, x.open ? 'open' : 'closed'),
        el('td', {}, new Date(x.createdMillis).toLocaleTimeString()),
        el('td', {}, x.open ? '—' : new Date(x.closedMillis).toLocaleTimeString()),
        el('td', {}, x.startingSequenceNumber + ' … ' + (x.endingSequenceNumber || '')),
        el('td', {}, x.trimmed));
    });
    return el('div', { class: 'stream' },
      el('div', {}, el('b', {}, s.enabled ? 'Stream (enabled)' : 'Stream (disabled)'), ' ', el('span', { class: 'hint' }, s.viewType + ' · ' + s.streamArn)),
      el('table', { class: 'grid' },
        el('tr', {}, ['shard', 'parent', 'state', 'opened', 'closed', 'sequence numbers', 'expired'].map((h) => el('th', {}, h))), rows));
  }));
}

function renderConsumers(consumers) {
  if (!consumers.length) {
    $('consumers').replaceChildren(el('p', { class: 'hint' }, 'No consumer keeps leases for this stream.'));
    return;
  }
  $('consumers').replaceChildren(...consumers.map((c) => el('div', { class: 'stream consumer', 'data-consumer': c.leaseTable },
    el('div', {}, el('b', {}, c.leaseTable), ' ',
      el('span', { class: c.iteratorAgeMillis > 60000 ? 'lag-high' : 'hint' }, `iterator age ${(c.iteratorAgeMillis / 1000).toFixed(1)} s · ${c.behind} record(s) behind`)),
    el('table', { class: 'grid' },
      el('tr', {}, ['shard', 'owner', 'checkpoint', 'behind', 'iterator age'].map((h) => el('th', {}, h))),
      c.shards.map((p) => el('tr', {}, el('td', {}, p.shardId), el('td', {}, p.owner || '—'), el('td', {}, p.checkpoint || 'no lease yet'),
        el('td', {}, p.behind + (p.atLeast ? '+' : '')), el('td', {}, (p.iteratorAgeMillis / 1000).toFixed(1) + ' s')))))));
}

// ---- wiring ----

// #TABLE or #TABLE/TAB (overview, items, feed, shards): a link can open a table's live feed directly.
function route() {
  const [name, tab] = location.hash.slice(1).split('/').map(decodeURIComponent);
  if (['overview', 'items', 'feed', 'shards'].includes(tab)) state.tab = tab;
  if (name) selectTable(name);
}

document.addEventListener('DOMContentLoaded', async () => {
  $('endpoint').textContent = location.host;
  $('new-table').addEventListener('click', () => {
    $('create-table').hidden = false;
    $('welcome').hidden = true;
    $('table-view').hidden = true;
  });
  $('ct-cancel').addEventListener('click', () => { $('create-table').hidden = true; if (state.table) $('table-view').hidden = false; });
  $('create-table-form').addEventListener('submit', createTable);
  $('delete-table').addEventListener('click', deleteTable);
  document.querySelectorAll('.tabs button').forEach((b) => b.addEventListener('click', () => openTab(b.dataset.tab)));
  $('search-mode').addEventListener('change', () => { $('search-key').hidden = $('search-mode').value !== 'Query'; });
  $('item-search').addEventListener('submit', (e) => { e.preventDefault(); runSearch(false); });
  $('items-next').addEventListener('click', () => runSearch(true));
  $('new-item').addEventListener('click', () => editItem(null));
  $('item-save').addEventListener('click', saveItem);
  $('item-cancel').addEventListener('click', () => { $('item-editor').hidden = true; });
  $('feed-pause').addEventListener('click', togglePause);
  $('feed-clear').addEventListener('click', () => $('feed').replaceChildren());
  $('feed-filter').addEventListener('input', () => document.querySelectorAll('#feed .feed-event').forEach((li) => { li.hidden = !matchesFilter(li); }));
  window.addEventListener('hashchange', route);
  await loadTables();
  route();
});
