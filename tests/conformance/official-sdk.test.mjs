// ClickSend's own Node SDK (npm `clicksend` 5.x, generated from swagger-v2.yaml, the client
// many ClickSend users already have) drives the sandbox through 30 common calls, as a new user
// of that SDK writes them (its models take camelCase properties: `templateName`), and every
// one succeeds with the answer the model gives. The SDK is
// installed by scripts/setup.sh in tests/official-sdk (its own package.json and lock), apart
// from the project's code.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { startSandbox } from '../support/sandbox.mjs';

const sdkDir = new URL('../official-sdk/', import.meta.url);
assert.ok(existsSync(new URL('node_modules/clicksend/package.json', sdkDir)), 'tests/official-sdk has no node_modules: run scripts/setup.sh');
const api = createRequire(sdkDir)('clicksend');

let sandbox;
let base;
before(async () => {
  sandbox = await startSandbox();
  base = `${sandbox.url}/v3`;
});
after(() => sandbox?.stop());

/** An API class of the SDK, with the sandbox's credentials, as its README sets them up. */
function sdk(Api) {
  const instance = new Api('sandbox', 'sandbox-key', base);
  return instance;
}

/** The SDK resolves with `{response, body}`; the body is ClickSend's envelope. */
async function data(promise) {
  const { response, body } = await promise;
  assert.equal(response.statusCode, 200);
  assert.equal(body.response_code, 'SUCCESS');
  return body.data;
}

const calls = [];
const later = () => Math.floor(Date.now() / 1000) + 86_400;

test('official SDK: 30 common calls against the sandbox all succeed', async () => {
  const sms = sdk(api.SMSApi);
  const lists = sdk(api.ContactListApi);
  const contacts = sdk(api.ContactApi);
  const step = async (name, promise) => {
    const value = await data(promise);
    calls.push(name);
    return value;
  };

  const account = await step('accountGet', sdk(api.AccountApi).accountGet());
  assert.equal(account.username, 'sandbox');

  const message = Object.assign(new api.SmsMessage(), { to: '+61411111111', body: 'Hello from the official SDK', source: 'sdk' });
  const collection = Object.assign(new api.SmsMessageCollection(), { messages: [message] });
  const sent = await step('smsSendPost', sms.smsSendPost(collection));
  assert.equal(sent.messages[0].status, 'SUCCESS');
  const price = await step('smsPricePost', sms.smsPricePost(collection));
  assert.equal(price.total_price, sent.total_price);
  const history = await step('smsHistoryGet', sms.smsHistoryGet(undefined, undefined, undefined, 1, 10));
  assert.equal(history.data[0].message_id, sent.messages[0].message_id);
  const receipts = await step('smsReceiptsGet', sms.smsReceiptsGet(1, 10));
  assert.equal(receipts.total, 1);
  const scheduled = Object.assign(new api.SmsMessage(), { to: '+61411111111', body: 'Later', schedule: later() });
  const queued = await step('smsSendPost (scheduled)', sms.smsSendPost(Object.assign(new api.SmsMessageCollection(), { messages: [scheduled] })));
  await step('smsCancelByMessageIdPut', sms.smsCancelByMessageIdPut(queued.messages[0].message_id));

  const template = await step('smsTemplatesPost', sms.smsTemplatesPost(Object.assign(new api.SmsTemplate(), { templateName: 'Welcome', body: 'Hi {first_name}' })));
  await step(
    'smsTemplatesByTemplateIdPut',
    sms.smsTemplatesByTemplateIdPut(template.template_id, Object.assign(new api.SmsTemplate(), { templateName: 'Welcome', body: 'Hello' })),
  );
  assert.equal((await step('smsTemplatesGet', sms.smsTemplatesGet(1, 10))).data[0].body, 'Hello');
  await step('smsTemplatesByTemplateIdDelete', sms.smsTemplatesByTemplateIdDelete(template.template_id));

  const list = await step('listsPost', lists.listsPost(Object.assign(new api.ContactList(), { listName: 'Customers' })));
  await step('listsByListIdPut', lists.listsByListIdPut(list.list_id, Object.assign(new api.ContactList(), { listName: 'VIP' })));
  assert.equal((await step('listsByListIdGet', lists.listsByListIdGet(list.list_id))).list_name, 'VIP');
  assert.equal((await step('listsGet', lists.listsGet(1, 10))).total, 1);
  const contact = await step(
    'listsContactsByListIdPost',
    contacts.listsContactsByListIdPost(Object.assign(new api.Contact(), { phoneNumber: '+61422222222', firstName: 'Ann', custom1: 'x' }), list.list_id),
  );
  await step(
    'listsContactsByListIdAndContactIdPut',
    contacts.listsContactsByListIdAndContactIdPut(
      list.list_id,
      contact.contact_id,
      Object.assign(new api.Contact(), { phoneNumber: '+61422222222', firstName: 'Anna', custom1: 'x' }),
    ),
  );
  assert.equal((await step('listsContactsByListIdAndContactIdGet', contacts.listsContactsByListIdAndContactIdGet(list.list_id, contact.contact_id))).first_name, 'Anna');
  assert.equal((await step('listsContactsByListIdGet', contacts.listsContactsByListIdGet(list.list_id, 1, 10))).total, 1);
  const found = await step('searchContactsListsGet', sdk(api.SearchApi).searchContactsListsGet('Anna', 1, 10));
  assert.equal(found.data[0].contact_id, contact.contact_id);
  const campaign = Object.assign(new api.SmsCampaign(), { listId: list.list_id, name: 'Launch', body: 'We are live' });
  assert.equal((await step('smsCampaignsSendPost', sdk(api.SmsCampaignApi).smsCampaignsSendPost(campaign))).name, 'Launch');
  await step('listsContactsByListIdAndContactIdDelete', contacts.listsContactsByListIdAndContactIdDelete(list.list_id, contact.contact_id));
  await step('listsByListIdDelete', lists.listsByListIdDelete(list.list_id));

  const mms = Object.assign(new api.MmsMessage(), { to: '+61411111111', body: 'Look', subject: 'Photo' });
  await step('mmsSendPost', sdk(api.MMSApi).mmsSendPost(Object.assign(new api.MmsMessageCollection(), { mediaFile: 'https://example.com/a.jpg', messages: [mms] })));
  const voice = Object.assign(new api.VoiceMessage(), { to: '+61411111111', body: 'Your code is 1 2 3', voice: 'female', customString: 'otp', country: 'AU' });
  await step('voiceSendPost', sdk(api.VoiceApi).voiceSendPost(Object.assign(new api.VoiceMessageCollection(), { messages: [voice] })));
  assert.ok((await step('voiceLangGet', sdk(api.VoiceApi).voiceLangGet())).length > 0);
  // Countries need no credentials: the SDK sends none.
  assert.ok((await step('countriesGet', new api.CountriesApi(base).countriesGet())).some((c) => c.code === 'AU'));
  assert.ok((await step('timezonesGet', sdk(api.TimezonesApi).timezonesGet(1, 10))).length > 0);
  assert.equal((await step('statisticsSmsGet', sdk(api.StatisticsApi).statisticsSmsGet())).total.outbound.count, 2);

  const subaccount = Object.assign(new api.Subaccount(), {
    apiUsername: 'team',
    password: 'secret-pass',
    email: 'team@example.com',
    phoneNumber: '+61433333333',
    firstName: 'Team',
    lastName: 'Member',
  });
  const created = await step('subaccountsPost', sdk(api.SubaccountApi).subaccountsPost(subaccount));
  assert.equal(created.password, undefined, 'a password is never shown again');
  assert.equal((await step('subaccountsGet', sdk(api.SubaccountApi).subaccountsGet(1, 10))).data[0].api_username, 'team');

  const address = Object.assign(new api.Address(), { addressName: 'HQ', addressLine1: '1 Main St', addressCity: 'Melbourne', addressPostalCode: '3000', addressCountry: 'AU' });
  const returnAddress = await step('postReturnAddressesPost', sdk(api.PostReturnAddressApi).postReturnAddressesPost(address));
  assert.equal(
    (await step('postReturnAddressesByReturnAddressIdGet', sdk(api.PostReturnAddressApi).postReturnAddressesByReturnAddressIdGet(returnAddress.return_address_id))).address_city,
    'Melbourne',
  );
  const issue = Object.assign(new api.DeliveryIssue(), { type: 'SMS', description: 'Not received', emailAddress: 'ops@example.com', messageId: sent.messages[0].message_id });
  await step('deliveryIssuesPost', sdk(api.DeliveryIssuesApi).deliveryIssuesPost(issue));

  assert.ok(calls.length >= 30, `${calls.length} calls`);
  console.log(`official SDK: ${calls.length} calls succeeded: ${calls.join(', ')}`);
});

test('official SDK: a refusal reaches it as ClickSend sends one (status, envelope, the fields in data)', async () => {
  const error = await sdk(api.SubaccountApi)
    .subaccountsPost(new api.Subaccount())
    .then(
      () => null,
      (e) => e,
    );
  assert.equal(error?.response?.statusCode, 400);
  assert.equal(error.body.response_code, 'BAD_REQUEST');
  assert.deepEqual(Object.keys(error.body.data).sort(), ['api_username', 'email', 'first_name', 'last_name', 'password', 'phone_number']);
});
