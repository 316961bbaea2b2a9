// The sandbox's model answers as ClickSend's official descriptions say, for every one of the
// 209 operations, driven through the client:
// - one success per operation, whose body validates against openapi-v3.yaml's 200 (or 204)
//   response for it, `nullable` honoured, with every documented field present (where the
//   description contradicts itself, the model follows its examples: the decisions listed
//   in crates/model/src/templates.json, which the check takes over); and no answer is an echo
//   of the request;
// - 404 for an unknown id in every path parameter that names something;
// - 400, naming the fields in `data`, for an empty body where the descriptions require fields
//   (openapi-v3.yaml's `required`; for a POST also swagger-v2.yaml's).
// Ids come from things made first through the client (a list, a contact, a template, ...);
// bodies are the description's own examples, or built from its schema (sample.mjs), with ids
// in them replaced by ones that exist. Skipped, saying so, without ../shared/clicksend-api.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ClickSend, endpoints } from 'clicksend-wasm';
import { callByName } from '../support/call.js';
import { SANDBOX_KEY, startSandbox } from '../support/sandbox.mjs';
import { deref, descriptionFor, descriptions, find, skip } from './descriptions.mjs';
import { operationArgs } from './sample.mjs';

const templates = JSON.parse(readFileSync(new URL('../../crates/model/src/templates.json', import.meta.url), 'utf8'));
const table = endpoints().filter((e) => !e.path.startsWith('/connections'));

let sandbox;
let client;
before(async () => {
  if (skip) return;
  sandbox = await startSandbox();
  client = new ClickSend({ apiKey: SANDBOX_KEY, baseUrl: sandbox.url, maxRetries: 0 });
  await sandbox.balance(1_000_000);
});
after(() => sandbox?.stop());

const call = (fn, ...args) => callByName(client, fn, args);
const settle = (fn, args) =>
  callByName(client, fn, args).then(
    (value) => ({ value }),
    (error) => ({ error }),
  );
const LATER = Math.floor(Date.now() / 1000) + 86_400 * 30;

// ---- things to point at: each maker returns a fresh one ----

async function list() {
  const id = (await call('lists.create', { list_name: `L${Math.random()}` })).data.list_id;
  await call('contacts.create', id, { phone_number: '+61411111111', email: 'a@example.com', first_name: 'Ann' });
  return id;
}
const emailAddress = async () => (await call('emailAddresses.create', { email_address: 'ops@example.com' })).data.email_address_id;
const returnAddress = async () =>
  (await call('returnAddresses.create', { address_name: 'HQ', address_line_1: '1 Main St', address_city: 'Melbourne', address_postal_code: '3000', address_country: 'AU' })).data
    .return_address_id;
const sms = async (extra = {}) => (await call('sms.send', { messages: [{ to: '+61411111111', body: 'hi', ...extra }] })).data.messages[0].message_id;
const rule = (fn, id, body) => async () => (await call(fn, body)).data[id];
const receiptRule = { rule_name: 'R', match_type: 0, action: 'URL', action_address: 'https://example.com/hook', enabled: 1 };
const card = () => call('recharge.updateCreditCard', { number: '4111111111111111', expiry_month: 12, expiry_year: 2030, cvc: 123, name: 'Ann', bank_name: 'Bank' });

/** A value for path parameter `name` of `fn`, given the ones before it. */
const MAKERS = {
  list_id: list,
  from_list_id: list,
  to_list_id: list,
  opt_out_list_id: list,
  contact_id: async (ctx) => (await call('contacts.create', ctx.list_id ?? ctx.from_list_id, { phone_number: '+61422222222' })).data.contact_id,
  'smsTemplates.template_id': async () => (await call('smsTemplates.create', { template_name: 'T', body: 'Hi' })).data.template_id,
  'emailTemplates.template_id': async () => (await call('emailTemplates.create', { template_name: 'T', template_id_master: 1 })).data.template_id,
  'emailMasterTemplates.template_id': () => 1,
  category_id: () => 1,
  'sms.message_id': (_, fn) => (fn === 'sms.cancel' ? sms({ schedule: LATER }) : sms()),
  'sms.markInboundMessageRead.message_id': async () => (await call('sms.createTestInbound', { url: 'http://127.0.0.1:9/' })).data.message_id,
  original_message_id: async () => (await call('sms.createTestInbound', { url: 'http://127.0.0.1:9/' })).data.message_id,
  'voice.message_id': async () => (await call('voice.send', { messages: [{ to: '+61411111111', body: 'hi', voice: 'female', schedule: LATER }] })).data.messages[0].message_id,
  'fax.message_id': async () => (await call('fax.send', { file_url: 'https://example.com/f.pdf', messages: [{ to: '+61299999999' }] })).data.messages[0].message_id,
  email_address_id: emailAddress,
  activation_token: () => '123456',
  email_campaign_id: async () =>
    (
      await call('emailCampaigns.send', {
        list_id: await list(),
        name: 'C',
        subject: 'S',
        body: 'B',
        from_email_address_id: await emailAddress(),
        from_name: 'Ops',
        schedule: LATER,
      })
    ).data.data.email_campaign_id,
  sms_campaign_id: async () => (await call('smsCampaigns.send', { list_id: await list(), name: 'C', body: 'B', schedule: LATER })).data.sms_campaign_id,
  mms_campaign_id: async () =>
    (await call('mmsCampaigns.send', { list_id: await list(), name: 'C', body: 'B', subject: 'S', media_file: 'https://example.com/a.jpg', schedule: LATER })).data.mms_campaign_id,
  'smsInboundRules.inbound_rule_id': rule('smsInboundRules.create', 'inbound_rule_id', {
    dedicated_number: '+61411111111',
    rule_name: 'R',
    message_search_type: 0,
    message_search_term: 'x',
    action: 'URL',
    action_address: 'https://example.com',
    enabled: 1,
  }),
  'faxInboundRules.inbound_rule_id': rule('faxInboundRules.create', 'inbound_rule_id', {
    dedicated_number: '+61411111111',
    rule_name: 'R',
    action: 'URL',
    action_address: 'https://example.com',
    enabled: 1,
  }),
  'smsReceiptRules.receipt_rule_id': rule('smsReceiptRules.create', 'receipt_rule_id', receiptRule),
  'voiceReceiptRules.receipt_rule_id': rule('voiceReceiptRules.create', 'receipt_rule_id', receiptRule),
  'emailReceiptRules.receipt_rule_id': rule('emailReceiptRules.create', 'receipt_rule_id', receiptRule),
  'faxReceiptRules.receipt_rule_id': rule('faxReceiptRules.create', 'receipt_rule_id', receiptRule),
  rule_id: rule('emailToSms.createStrippedString', 'rule_id', { strip_string: '--' }),
  subaccount_id: async () =>
    (await call('subaccounts.create', { api_username: 'u1', password: 'pw', email: 'u1@example.com', phone_number: '+61411111111', first_name: 'U', last_name: 'One' })).data
      .subaccount_id,
  client_user_id: async () =>
    (
      await call('reseller.createAccount', {
        username: 'c1',
        password: 'pw',
        user_email: 'c1@example.com',
        user_phone: '+61411111111',
        user_first_name: 'C',
        user_last_name: 'One',
        account_name: 'Client',
        country: 'AU',
      })
    ).data.user_id,
  return_address_id: returnAddress,
  alpha_tag_id: async () => (await call('alphaTags.create', { alpha_tag: 'Shop', reason: 'brand' })).id,
  default_sender_id: async () =>
    (await call('defaultSenders.create', { country_code: 'AU', product_type: 'SMS', default_sender_strategies: [{ sender_type: 'alpha_tag', sender_id: 'Shop', priority: 1 }] }))
      .data.id,
  own_number_id: async () => (await call('ownNumbers.requestVerification', { phone_number: '+61411111111', country: 'AU' })).own_number_id,
  verification_id: async () => (await call('ownNumbers.requestVerification', { phone_number: '+61411111111', country: 'AU' })).id,
  package_id: async () => {
    await card();
    return 1;
  },
  transaction_id: async () => {
    await card();
    await call('recharge.purchase', 1);
    return (await call('recharge.transactions')).data.data.at(-1).invoice_number;
  },
  dedicated_number: async () => (await call('numbers.search', 'AU')).data.data[0].dedicated_number,
  number_type: () => '10dlc',
  country_code: () => 'US',
  country: () => 'AU',
  year: () => '2026',
  month: () => '11',
  source: () => 'sms',
  source_id: () => sms(),
  long_url_id: async () => {
    const id = (await call('sms.send', { shorten_urls: true, messages: [{ to: '+61411111111', body: 'see https://example.com/x' }] })).data.messages[0].message_id;
    return (await call('shortUrls.statistics', 'sms', id)).data[0].long_url_id;
  },
};

/** Arguments after the path parameters where the descriptions give nothing usable (no
 *  example, no required fields). */
const ARGS = {
  'sms.send': [{ messages: [{ to: '+61411111111', body: 'Hello' }] }],
  'sms.price': [{ messages: [{ to: '+61411111111', body: 'Hello' }] }],
  'mms.send': [{ media_file: 'https://example.com/a.jpg', messages: [{ to: '+61411111111', body: 'Hello', subject: 'Hi' }] }],
  'mms.price': [{ media_file: 'https://example.com/a.jpg', messages: [{ to: '+61411111111', body: 'Hello', subject: 'Hi' }] }],
  'voice.send': [{ messages: [{ to: '+61411111111', body: 'Hello', voice: 'female' }] }],
  'voice.price': [{ messages: [{ to: '+61411111111', body: 'Hello', voice: 'female' }] }],
  'alphaTags.create': [{ alpha_tag: 'Shop', reason: 'Our brand', countries: ['AU'] }],
};

/** What an operation needs in place before it can succeed (beyond its path parameters). */
const BEFORE = {
  'recharge.getCreditCard': card,
  'recharge.purchase': card,
};

/** Path parameters that do not name a thing the account has (no 404 for an unknown one). */
const NOT_A_THING = new Set(['year', 'month', 'activation_token', 'number_type', 'country_code', 'country', 'source', 'package_id', 'category_id']);

async function pathArgs(e) {
  const fn = `${e.area}.${e.name}`;
  const ctx = {};
  for (const [, name] of e.path.matchAll(/\{(\w+)\}/g)) {
    const make = MAKERS[`${fn}.${name}`] ?? MAKERS[`${e.area}.${name}`] ?? MAKERS[name];
    assert.ok(make, `${fn}: nothing makes a ${name}`);
    ctx[name] = await make(ctx, fn);
  }
  return ctx;
}

/** Values for fields whose examples in the descriptions are placeholders (`"user_email"`,
 *  `"{{fileURL}}"`, a random number for `enabled`), which ClickSend would refuse too. */
const PLACEHOLDERS = [
  [(k, v) => /(^|_)email(_address)?$/.test(k) && typeof v === 'string' && !/^[^@\s]+@[^@\s]+\.\w+$/.test(v), () => 'ann@example.com'],
  [(k, v) => /(^|_)(phone(_number)?|to|from|dedicated_number)$/.test(k) && typeof v === 'string' && !/^\+?\d{8,15}$/.test(v) && !v.includes('@'), () => '+61411111111'],
  [(k, v) => /(^|_)url$/.test(k) && typeof v === 'string' && !/^https?:\/\//.test(v), () => 'https://example.com/file.pdf'],
  [(k) => k === 'content', () => 'aGVsbG8='],
  [(k) => k === 'activation_token' || k === 'code', () => '123456'],
  [(k, v) => k === 'action' && typeof v === 'string' && v === v.toLowerCase(), () => 'URL'],
  [(k, v) => ['enabled', 'match_type', 'message_search_type'].includes(k) && !Number.isInteger(v), () => 1],
];

/** Ids in bodies, and what makes one that exists; one of each per call is enough. */
const ID_MAKERS = {
  list_id: list,
  from_email_address_id: emailAddress,
  email_address_id: emailAddress,
  return_address_id: returnAddress,
  client_user_id: () => MAKERS.client_user_id(),
};

/** The body's ids replaced by ones that exist (the descriptions' examples name made-up ones),
 *  and placeholders by plausible values. */
async function realIds(value, ctx) {
  if (Array.isArray(value)) return Promise.all(value.map((v) => realIds(v, ctx)));
  if (!value || typeof value !== 'object') return value;
  const out = {};
  for (const [k, v] of Object.entries(value)) {
    const placeholder = PLACEHOLDERS.find(([is]) => is(k, v));
    if (placeholder) {
      out[k] = placeholder[1]();
      continue;
    }
    const maker = ID_MAKERS[k];
    if (maker) {
      ctx[k] ??= await maker();
      out[k] = ctx[k];
    } else if (k === 'template_id_master') out[k] = 1;
    else if (k === 'template_id' && v !== null) out[k] = undefined;
    else out[k] = await realIds(v, ctx);
  }
  return out;
}

// ---- the response check ----

/** Where the model follows the description's examples over its schemas (templates.json),
 *  by the place the generator names: `component.field`, as the walk below names them too. */
const decided = new Map(templates.decisions.map((d) => [d.schema, d]));

const typeOf = (v) => (v === null ? 'null' : Array.isArray(v) ? 'array' : Number.isInteger(v) ? 'integer' : typeof v);

/** The schema a `$ref` names, and the component's name. */
function named(doc, s) {
  let name = null;
  for (let seen = 0; s?.$ref && seen < 20; seen++) {
    name = s.$ref.split('/').at(-1);
    s = deref(doc, { $ref: s.$ref });
  }
  return { s, name };
}

/** Where `value` breaks `schema` (openapi-v3.yaml), as `path: problem` lines. `where` names
 *  the place as scripts/gen-model-templates.mjs does, for the decisions. */
function problems(doc, schema, value, path = 'body', where = 'response') {
  const { s, name } = named(doc, schema);
  if (!s) return [];
  const here = name ?? where;
  if (s.allOf) {
    const parts = s.allOf.map((x) => named(doc, x).s);
    const isArray = (p) => p?.type === 'array' || p?.items;
    if (decided.has(here) && parts.some(isArray)) {
      // A page and an array in one allOf: the array is the page's data (a decision).
      return s.allOf.flatMap((x, i) => (isArray(parts[i]) ? problems(doc, x, value?.data, `${path}.data`, `${here}.data`) : problems(doc, x, value, path, here)));
    }
    return s.allOf.flatMap((x) => problems(doc, x, value, path, here));
  }
  const declared = s.type ?? (s.properties ? 'object' : s.items ? 'array' : undefined);
  if (!declared) return [];
  const decision = decided.get(here);
  const want = decision?.declared.replace('?', '') === declared ? decision.answered : s.nullable ? `${declared}?` : declared;
  const [type, nullable] = [want.replace('?', ''), want.endsWith('?')];
  const seen = typeOf(value);
  if (seen === 'null') return nullable ? [] : [`${path}: null where ${type} is documented`];
  if (seen !== type && !(type === 'number' && seen === 'integer')) return [`${path}: ${seen} where ${type} is documented`];
  if (type === 'array') return value.flatMap((v, i) => problems(doc, s.items, v, `${path}[${i}]`, `${here}[]`));
  if (type !== 'object') return [];
  return Object.entries(s.properties ?? {}).flatMap(([k, p]) => (k in value ? problems(doc, p, value[k], `${path}.${k}`, `${here}.${k}`) : [`${path}.${k}: missing`]));
}

function responseSchema(e) {
  const v3 = find(descriptions.v3, e);
  const responses = v3?.op.responses ?? {};
  const ok = responses['200'] ?? responses['201'];
  let schema = ok?.content?.['application/json']?.schema;
  const key = `${e.method} ${e.path.replace(/\{[^}]+\}/g, '{}')}`;
  if (schema && decided.has(key)) {
    schema = { type: 'object', properties: { http_code: { type: 'integer' }, response_code: { type: 'string' }, response_msg: { type: 'string' }, data: schema } };
  }
  return { schema, noContent: !ok && Boolean(responses['204']) };
}

// ---- the tests ----

const answered = [];
for (const e of table) {
  const fn = `${e.area}.${e.name}`;
  test(`model: ${fn} answers in the shape ClickSend's description gives`, { skip }, async () => {
    await BEFORE[fn]?.();
    const ctx = await pathArgs(e);
    const params = Object.values(ctx);
    const d = descriptionFor(e);
    const refusals = [];
    let result;
    const candidates = ARGS[fn] ? [[...params, ...ARGS[fn]]] : operationArgs(e, descriptions[d.name], d.op);
    for (const candidate of candidates) {
      const rest = await realIds(candidate.slice(params.length), ctx);
      result = await settle(fn, [...params, ...rest]);
      if (!result.error) break;
      refusals.push(`${result.error.status} ${result.error.message} ${JSON.stringify(result.error.data)} for ${JSON.stringify(rest)}`);
    }
    assert.ok(!result.error, `${fn} was refused:\n${refusals.join('\n')}`);
    const { schema, noContent } = responseSchema(e);
    if (noContent) {
      assert.equal(result.value, null, `${fn}: 204 No Content resolves with null`);
    } else if (schema) {
      assert.deepEqual(problems(descriptions.v3.doc, schema, result.value), [], `${fn}: ${JSON.stringify(result.value).slice(0, 600)}`);
    }
    const text = JSON.stringify(result.value ?? null);
    assert.ok(!/echo/i.test(text) && result.value?.data?.operation === undefined, `${fn} echoed: ${text.slice(0, 300)}`);
    answered.push(fn);
  });
}

const withIds = table.filter((e) => [...e.path.matchAll(/\{(\w+)\}/g)].some(([, n]) => !NOT_A_THING.has(n)));
const notFound = [];
for (const e of withIds) {
  const fn = `${e.area}.${e.name}`;
  test(`model: ${fn} answers 404 for an id that names nothing`, { skip }, async () => {
    await BEFORE[fn]?.();
    const ctx = await pathArgs(e);
    const names = Object.keys(ctx);
    const d = descriptionFor(e);
    const [candidate] = ARGS[fn] ? [[...Object.values(ctx), ...ARGS[fn]]] : operationArgs(e, descriptions[d.name], d.op);
    const rest = await realIds(candidate.slice(names.length), ctx);
    for (const [i, name] of names.entries()) {
      if (NOT_A_THING.has(name)) continue;
      const kind = e.params[i];
      const bogus = kind === 'token' ? 'NOSUCH-5A4D0B0C' : '999999999';
      const args = names.map((n, j) => (j === i ? bogus : ctx[n]));
      const r = await settle(fn, [...args, ...rest]);
      assert.equal(r.error?.status, 404, `${fn} with ${name} ${bogus}: ${r.error ? `${r.error.status} ${r.error.message}` : 'resolved'}`);
    }
    notFound.push(fn);
  });
}

/** The fields an operation's body must have, by its descriptions. */
function requiredFields(e) {
  const v3 = find(descriptions.v3, e)?.op;
  const v3Schema = deref(descriptions.v3.doc, v3?.requestBody?.content?.['application/json']?.schema);
  const fields = new Set(v3Schema?.required ?? []);
  if (e.method === 'POST') {
    const v2 = find(descriptions.v2, e)?.op;
    const body = (v2?.parameters ?? []).find((p) => p.in === 'body');
    for (const f of deref(descriptions.v2.doc, body?.schema)?.required ?? []) fields.add(f);
  }
  return [...fields];
}

const withRequired = table.filter((e) => (e.input === 'body' || e.input === 'bodyAndQuery') && requiredFields(e).length > 0);
const refused = [];
for (const e of withRequired) {
  const fn = `${e.area}.${e.name}`;
  test(`model: ${fn} refuses an empty body with 400, naming the fields`, { skip }, async () => {
    await BEFORE[fn]?.();
    const ctx = await pathArgs(e);
    const path = e.path.replace(/\{(\w+)\}/g, (_, name) => encodeURIComponent(ctx[name]));
    // Through `client.request`: the function itself refuses some empty bodies before sending.
    const r = await client.request(e.method, path, { body: {} }).then(
      (value) => ({ value }),
      (error) => ({ error }),
    );
    assert.equal(r.error?.status, 400, `${fn}({}) ${r.error ? `${r.error.status} ${r.error.message}` : 'resolved'}`);
    assert.equal(r.error.code, 'BAD_REQUEST');
    assert.ok(r.error.data && Object.keys(r.error.data).length > 0, `${fn}: data names no field: ${JSON.stringify(r.error.data)}`);
    refused.push(fn);
  });
}

test('model: every operation answered, every id and required body checked', { skip }, () => {
  console.log(`model: ${answered.length} of ${table.length} operations answered in their documented shape`);
  console.log(`model: ${notFound.length} of ${withIds.length} operations with ids answer 404 for an unknown one`);
  console.log(`model: ${refused.length} of ${withRequired.length} operations with required fields refuse an empty body with 400`);
  assert.equal(answered.length, 209);
  assert.equal(notFound.length, withIds.length);
  assert.equal(refused.length, withRequired.length);
});
