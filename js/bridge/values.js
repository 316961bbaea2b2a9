// Looking at a caller's values for the wasm side (src/js.rs, src/args.rs) in one crossing
// where reading them from wasm took several: each call from wasm into JS costs about as much
// as the check it makes, and a batch of 1000 messages made 7000 of them. Imported by the wasm
// glue as `./js/bridge/values.js` (the same path from the crate root and from pkg/). A value that
// throws (a Proxy's trap, a getter) is handled here as wasm handled it: see each function.

/** A plain object: not null, an array or a function. A revoked Proxy counts as not an array. */
export function isPlainObject(v) {
  if (v === null || typeof v !== 'object') return false;
  try {
    return !Array.isArray(v);
  } catch {
    return true;
  }
}

// The bits `messageBits` sets for one message (src/args.rs reads them with the same values).
const TO = 1;
const LIST_ID = 2;
const BODY = 4;
const MEDIA_FILE = 8;
const VOICE = 16; // present
const VOICE_KNOWN = 32; // "male" or "female"
const SCHEDULE = 64; // present
const SCHEDULE_INTEGER = 128; // a whole number, or a string of digits
const CUSTOM_STRING = 256; // present: messageText(list, 'custom_string') has it
const FROM = 512; // a non-empty string: messageText(list, 'from') has it

/** `m[key]`; a getter or trap that throws reads as undefined (the check then says what is missing). */
function field(m, key) {
  try {
    return m[key];
  } catch {
    return undefined;
  }
}

const nonEmpty = (v) => typeof v === 'string' && v.length > 0;
const present = (v) => v !== undefined && v !== null;

/** What `clicksend_core::messages::check` needs to know of one message, as bits. */
function bitsOf(m) {
  if (!isPlainObject(m)) return 0;
  let bits = 0;
  if (nonEmpty(field(m, 'to'))) bits |= TO;
  if (present(field(m, 'list_id'))) bits |= LIST_ID;
  if (nonEmpty(field(m, 'body'))) bits |= BODY;
  if (nonEmpty(field(m, 'media_file'))) bits |= MEDIA_FILE;
  const voice = field(m, 'voice');
  if (present(voice)) bits |= VOICE | (voice === 'male' || voice === 'female' ? VOICE_KNOWN : 0);
  const schedule = field(m, 'schedule');
  if (present(schedule)) {
    const integer = typeof schedule === 'number' ? Number.isInteger(schedule) : typeof schedule === 'string' && /^[0-9]+$/.test(schedule);
    bits |= SCHEDULE | (integer ? SCHEDULE_INTEGER : 0);
  }
  if (present(field(m, 'custom_string'))) bits |= CUSTOM_STRING;
  if (nonEmpty(field(m, 'from'))) bits |= FROM;
  return bits;
}

/**
 * The bits of each message of an array, in one crossing for the whole batch. Reading the
 * array itself (its `length`, an item) may throw: that throws, and wasm refuses the value as
 * one that cannot be read.
 */
export function messageBits(list) {
  const length = list.length;
  const bits = new Uint16Array(Number.isInteger(length) && length >= 0 && length <= 0xffffffff ? length : 0);
  for (let i = 0; i < bits.length; i++) bits[i] = bitsOf(list[i]);
  return bits;
}

/**
 * `String(list[i][key])` of every message, joined by NUL, in one crossing (src/args.rs reads
 * it only when some message has the field, and checks it there). Undefined when a text holds
 * a NUL itself: wasm then reads that field message by message.
 */
export function messageText(list, key) {
  const texts = [];
  for (let i = 0; i < list.length; i++) {
    const m = list[i];
    const v = isPlainObject(m) ? field(m, key) : undefined;
    const text = present(v) ? String(v) : '';
    if (text.includes('\0')) return undefined;
    texts.push(text);
  }
  return texts.join('\0');
}

/** A query value as src/args.rs writes it: a string, a finite number or a boolean; else undefined. */
function queryValue(v) {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : undefined;
  if (typeof v === 'boolean') return String(v);
  return undefined;
}

/**
 * A query object's pairs as one string, `key\0value\0key\0value...`, for the wasm side to
 * split and encode: one crossing where reading each key and value took several. Undefined for
 * anything it does not simply handle (an array, a value of another type, a throwing getter, a
 * NUL in a key or value): wasm then reads the object itself, and says what is wrong.
 */
export function queryText(query) {
  try {
    const parts = [];
    for (const key of Object.keys(query)) {
      const value = query[key];
      if (value === undefined || value === null) continue;
      // An array value is expanded by src/args.rs (`key[0]`, or `{index}` filled in): one
      // place for that rule. Arrays are rare in a query; the common case stays one crossing.
      if (Array.isArray(value)) return undefined;
      const text = queryValue(value);
      if (text === undefined) return undefined;
      parts.push(key, text);
    }
    const joined = parts.join('\0');
    return parts.length === 0 || joined.split('\0').length === parts.length ? joined : undefined;
  } catch {
    return undefined;
  }
}
