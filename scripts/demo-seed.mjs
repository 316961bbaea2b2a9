// A little demo data for the sandbox: two contact lists, templates and a few sent messages,
// so the demo page has something to show on first load.
export async function seedDemoData(baseUrl, authHeaders) {
  const call = async (method, path, body) => {
    const res = await fetch(`${baseUrl}/v3${path}`, {
      method,
      headers: { ...authHeaders, 'content-type': 'application/json' },
      body: body && JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`seeding the sandbox: ${method} ${path} answered ${res.status}`);
    return (await res.json()).data;
  };
  const customers = await call('POST', '/lists', { list_name: 'Customers' });
  await call('POST', '/lists', { list_name: 'VIP' });
  for (const [first_name, last_name, phone_number] of [
    ['Ada', 'Lovelace', '+61411111111'],
    ['Alan', 'Turing', '+447700900123'],
    ['Grace', 'Hopper', '+15551234567'],
  ]) {
    await call('POST', `/lists/${customers.list_id}/contacts`, { first_name, last_name, phone_number });
  }
  await call('POST', '/sms/templates', { template_name: 'Order shipped', body: 'Hi! Your order has shipped and should arrive within 2 days.' });
  await call('POST', '/sms/templates', { template_name: 'Appointment reminder', body: 'Reminder: your appointment is tomorrow at 10:00. Reply YES to confirm.' });
  await call('POST', '/sms/send', {
    messages: [
      { to: '+61411111111', body: 'Your order #1042 has shipped.', source: 'demo' },
      { to: '+15551234567', body: 'Reminder: your appointment is tomorrow at 10:00.', source: 'demo' },
    ],
  });
}
