// The account's balance in the header, shown again after anything that spends.
import { client } from './api.js';
import { $, attempt, money } from './ui.js';

export async function refreshBalance() {
  const account = await attempt(() => client.account.get());
  if (account) $('balance').textContent = money(account.data._currency, account.data.balance);
}
