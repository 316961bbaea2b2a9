// What a real user does, end to end: create a list, add three contacts (one a duplicate),
// remove the duplicate, send to the list and to a single number, schedule one more,
// read history in two pages, read receipts, cancel the scheduled message, clean up.
// `invoke` runs each call where the client lives (this process, or a Worker).
import assert from 'node:assert/strict';

export async function runScenario(sandbox, invoke) {
  await sandbox.reset();
  const ok = async (fn, ...args) => {
    const r = await invoke({ fn, args });
    assert.ok(r.ok, `${fn} rejected: ${JSON.stringify(r.error)}`);
    assert.equal(r.ok.response_code, 'SUCCESS', fn);
    return r.ok.data;
  };

  const list = await ok('lists.create', { list_name: 'Scenario customers' });
  for (const [phone_number, first_name] of [
    ['+61411111111', 'Ann'],
    ['+61422222222', 'Bob'],
    ['+61 411 111 111', 'Ann (again)'],
  ]) {
    await ok('contacts.create', list.list_id, { phone_number, first_name });
  }
  assert.equal((await ok('lists.get', list.list_id))._contacts_count, 3);
  assert.deepEqual(await ok('lists.removeDuplicates', list.list_id), { deleted: 1 });
  const contacts = await ok('contacts.list', list.list_id);
  assert.deepEqual(
    contacts.data.map((c) => c.first_name),
    ['Ann', 'Bob'],
  );

  const toList = await ok('sms.send', { messages: [{ list_id: list.list_id, body: 'Hi {first_name}!' }] });
  assert.deepEqual(
    toList.messages.map((m) => [m.to, m.status]),
    [
      ['+61411111111', 'SUCCESS'],
      ['+61422222222', 'SUCCESS'],
    ],
  );
  const single = await ok('sms.send', { messages: [{ to: '+61433333333', body: 'Hello you' }] });
  const later = await ok('sms.send', { messages: [{ to: '+61433333333', body: 'See you tomorrow', schedule: 99999999999 }] });
  const sentIds = [...toList.messages, ...single.messages, ...later.messages].map((m) => m.message_id);

  const page1 = await ok('sms.history', { limit: 2, page: 1 });
  const page2 = await ok('sms.history', { limit: 2, page: 2 });
  assert.deepEqual([page1.total, page1.last_page, page1.data.length, page2.data.length], [4, 2, 2, 2]);
  assert.deepEqual(
    [...page1.data, ...page2.data].map((m) => m.message_id),
    sentIds,
  );

  const receipts = await ok('sms.receipts');
  assert.deepEqual(
    receipts.data.map((r) => r.message_id),
    sentIds.slice(0, 3),
    'receipts for what went out, not the scheduled one',
  );
  assert.ok(receipts.data.every((r) => r.status_code === '201'));

  await ok('sms.cancel', later.messages[0].message_id);
  const after = await ok('sms.history', { limit: 100 });
  assert.deepEqual(
    after.data.map((m) => m.status),
    ['Sent', 'Sent', 'Sent', 'Cancelled'],
  );
  assert.equal((await ok('account.get')).balance, '99.762400', 'three parts charged, the cancelled one refunded');

  await ok('lists.delete', list.list_id);
  assert.equal((await ok('lists.list')).total, 0);
  assert.equal((await sandbox.requests()).length, 18, 'one request per call, no retries, nothing extra');
}
