// The demo page: clicksend-wasm in a browser, in parts that each own their state and their
// elements: compose (one SMS), history and receipts, contacts, and a campaign (campaign/: the
// CSV, the run, the chart). Every call goes to /api/ on the page's own server
// (scripts/demo-server.mjs), which adds the credentials: the page holds no key.
import { refreshBalance } from './account.js';
import { config } from './api.js';
import { wireCampaign, updateCampaignText } from './campaign/run.js';
import { loadTemplates, updateCount, wireCompose } from './compose.js';
import { loadLists, wireContacts } from './contacts.js';
import { showHistory, wireHistory } from './history.js';
import { $ } from './ui.js';

const MODES = { sandbox: 'the local sandbox', maton: 'ClickSend via the Maton gateway', clicksend: 'ClickSend directly' };
$('mode').textContent = `talking to ${MODES[config.mode] ?? config.mode}`;

wireCompose();
wireHistory();
wireContacts();
wireCampaign();
updateCount();
updateCampaignText();
await Promise.all([refreshBalance(), loadTemplates(), showHistory(), loadLists()]);
document.body.dataset.ready = 'true';
