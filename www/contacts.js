// Contact lists and their contacts: create a list; add, edit, delete, copy and move contacts.
// Other parts of the page hear of the lists through a `lists` event on the document.
import { client, parsePhone } from './api.js';
import { $, attempt, busy, el, notify, row } from './ui.js';

let lists = [];
const currentList = () => Number($('lists').value);

export async function loadLists(select) {
  const res = await attempt(() => client.lists.list({ limit: 100 }));
  if (!res) return;
  lists = res.data.data;
  $('lists').replaceChildren(...lists.map((l) => el('option', `${l.list_name} (${l._contacts_count ?? 0})`, { value: String(l.list_id) })));
  // The campaign's list picker shows the same lists: one request fills both.
  document.dispatchEvent(new CustomEvent('lists', { detail: lists }));
  if (select) $('lists').value = String(select);
  await showContacts();
}

async function showContacts() {
  const listId = currentList();
  if (!listId) return $('contacts').replaceChildren(row('No lists yet: create one above.', '', ''));
  const res = await attempt(() => client.contacts.list(listId, { limit: 100 }));
  if (!res) return;
  const rows = res.data.data.map(contactRow);
  $('contacts').replaceChildren(...(rows.length ? rows : [row('No contacts in this list.', '', '')]));
}

function contactRow(c) {
  const name = [c.first_name, c.last_name].filter(Boolean).join(' ') || '(no name)';
  const actions = el('div', undefined, { className: 'row-actions' });
  const button = (label, action) => {
    const b = el('button', label, { type: 'button', className: 'secondary small' });
    b.setAttribute('aria-label', `${label} ${name}`);
    b.addEventListener('click', busy(b, action));
    return b;
  };
  actions.append(
    button('Edit', () => editContact(c)),
    button('Delete', () => deleteContact(c, name)),
  );
  const others = lists.filter((l) => l.list_id !== c.list_id);
  if (others.length) {
    const target = el('select');
    target.setAttribute('aria-label', `List to copy or move ${name} to`);
    target.append(...others.map((l) => el('option', l.list_name, { value: String(l.list_id) })));
    actions.append(
      target,
      button('Copy', () => moveContact(c, Number(target.value), 'copy')),
      button('Move', () => moveContact(c, Number(target.value), 'transfer')),
    );
  }
  return row(name, el('span', c.phone_number, { className: 'nowrap' }), actions);
}

function editContact(c) {
  $('contact-id').value = String(c.contact_id);
  $('first-name').value = c.first_name ?? '';
  $('last-name').value = c.last_name ?? '';
  $('phone').value = c.phone_number ?? '';
  $('contact-legend').textContent = 'Edit contact';
  $('cancel-edit').hidden = false;
  $('first-name').focus();
}

function resetContactForm() {
  $('contact-form').reset();
  $('contact-id').value = '';
  $('contact-legend').textContent = 'Add a contact';
  $('cancel-edit').hidden = true;
}

async function saveContact() {
  const listId = currentList();
  const id = $('contact-id').value;
  const fields = { first_name: $('first-name').value, last_name: $('last-name').value, phone_number: $('phone').value };
  const saved = await attempt(async () => {
    fields.phone_number = parsePhone(fields.phone_number, 'AU');
    return id ? client.contacts.update(listId, Number(id), fields) : client.contacts.create(listId, fields);
  });
  if (!saved) return;
  resetContactForm();
  notify(id ? 'Contact saved.' : 'Contact added.', 'ok');
  await loadLists(listId);
}

async function deleteContact(c, name) {
  if (!confirm(`Delete ${name}?`)) return;
  if (await attempt(() => client.contacts.delete(c.list_id, c.contact_id))) {
    notify(`${name} deleted.`, 'ok');
    await loadLists(c.list_id);
  }
}

async function moveContact(c, toList, how) {
  if (await attempt(() => client.contacts[how](c.list_id, c.contact_id, toList))) {
    notify(how === 'copy' ? 'Contact copied.' : 'Contact moved.', 'ok');
    await loadLists(c.list_id);
  }
}

async function createList() {
  const created = await attempt(() => client.lists.create({ list_name: $('list-name').value.trim() }));
  if (!created) return;
  $('list-name').value = '';
  await loadLists(created.data.list_id);
}

export function wireContacts() {
  $('lists').addEventListener('change', () => {
    resetContactForm();
    showContacts();
  });
  $('new-list').addEventListener('submit', busy($('new-list').querySelector('button'), createList));
  $('contact-form').addEventListener('submit', busy($('save-contact'), saveContact));
  $('cancel-edit').addEventListener('click', resetContactForm);
}
