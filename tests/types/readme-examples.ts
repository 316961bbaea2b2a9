// The README's examples of the whole API, type-checked against the package's .d.ts.
import { ClickSend, ClickSendError, parsePhone, parseWebhook, smsParts, type SmsMessage } from 'clicksend-wasm';
declare const client: ClickSend;
declare const messageId: string, templateId: number, campaignId: number, listId: number, contactId: number, fromListId: number, toListId: number;
declare const subaccountId: number, ownNumberId: string, defaultSenderId: string, sourceId: string, emailAddressId: number, fileBlob: Blob;
const file_url = 'https://example.com/f.pdf';
const list_id = 1;
export async function readme() {
  await client.account.usageBySubaccount(2026, 11);
  await client.sms.getReceipt(messageId);
  await client.sms.exportHistory({ filename: 'sms.csv' });
  await client.smsTemplates.get(templateId);
  await client.smsCampaigns.send({ list_id, name: 'Sale', body: 'Sale today!', from: 'Shop', senders: [{ recipient_country_code: 'AU' }] });
  await client.emailToSms.createAllowedAddress({ email_address: 'ops@example.com', from: 'Shop' });
  await client.mms.exportHistory({ filename: 'mms.csv' });
  await client.mmsCampaigns.cancel(campaignId);
  await client.voice.cancelAll();
  await client.fax.send({ file_url: 'https://example.com/f.pdf', messages: [{ to: '+61299999999' }] });
  await client.postcards.history({ page: 1 });
  await client.postLetters.history({ page: 1 });
  await client.returnAddresses.list({ page: 1 });
  await client.defaultSenders.get(defaultSenderId);
  await client.email.send({ to: [{ email: 'ann@example.com' }], from: { email_address_id: '1' }, subject: 'Hi', body: '<p>Hi</p>' });
  await client.emailCampaigns.history(campaignId, { page: 1 });
  await client.emailTemplates.create({ template_name: 'Welcome', template_id_master: 1 });
  await client.emailMasterTemplates.listCategories();
  await client.emailAddresses.sendVerification(emailAddressId);
  await client.lists.import(listId, { file_url, field_order: 'phone_number,first_name' });
  await client.contacts.transfer(fromListId, contactId, toListId);
  await client.subaccounts.regenerateApiKey(subaccountId);
  await client.numbers.search('AU', { search: '0400', search_type: 1 });
  await client.ownNumbers.update(ownNumberId, { label: 'Support' });
  await client.alphaTags.create({ alpha_tag: 'SHOP', reason: 'Brand' });
  await client.senders.compliantTypes({ 'filter[product_type]': 'SMS' });
  await client.smsInboundRules.create({
    dedicated_number: '+61411111111',
    rule_name: 'Replies',
    message_search_type: 0,
    message_search_term: '',
    action: 'EMAIL_FIXED',
    action_address: 'ops@example.com',
    enabled: 1,
  });
  await client.uploads.create(fileBlob, { convert: 'fax' });
  await client.recharge.transactions({ page: 1 });
  await client.reseller.transferCredit({ client_user_id: 12, balance: 10, currency: 'AUD' });
  await client.referral.accounts();
  await client.statistics.sms();
  await client.shortUrls.statistics('quick_sms', sourceId);
  await client.deliveryIssues.create({ type: 'SMS', description: 'Not received', client_comments: '' });
  await client.countries.listAll();
  await client.globalSending.select({ country_list_ids: [13, 158] });
  await client.timezones.list();
  await client.connections.create({ app: 'clicksend' });
}

export async function features(apiKey: string, listId: number, messages: SmsMessage[]): Promise<void> {
  const client = new ClickSend({ apiKey, maxRetries: 2, maxRetryDelayMs: 30_000, timeoutMs: 30_000 });
  try {
    await client.sms.send({ messages: [{ to: '+61411111111', body: 'Your code is 1234', custom_string: 'otp-77' }] });
  } catch (e) {
    if (e instanceof ClickSendError && e.ambiguous) {
      for await (const m of client.sms.history.all({ q: 'otp-77' }, { maxPages: 1 })) console.log(m.status);
    }
  }
  for await (const message of client.sms.history.all({ date_from: 1_700_000_000, limit: 100 }, { maxItems: 1000 })) {
    console.log(message.message_id, message.status);
  }
  for await (const contact of client.contacts.list.all(listId)) console.log(contact.phone_number);
  const results = await client.sms.sendBulk(messages, {
    concurrency: 4,
    onProgress: ({ sent, failed, total }) => console.log(`${sent + failed}/${total}`),
  });
  const unsure = results.filter((r) => !r.ok && r.ambiguous);
  console.log(unsure.length, smsParts('Hello 😀').parts, parsePhone('0411 111 111', 'AU'));
}

export const worker = {
  async fetch(request: Request): Promise<Response> {
    const event = await parseWebhook(request);
    if (event.type === 'sms_receipt') console.log(event.message_id, event.status_code, event.custom_string);
    if (event.type === 'inbound_sms') console.log(event.from, event.body);
    return new Response('ok');
  },
};
