// `fn.all(...)`: ClickSend's pages as one async iterator, for every paginated function.
import { invalid, readArgument } from './error.js';

function limit(name, value) {
  if (value === undefined) return Infinity;
  if (!Number.isInteger(value) || value < 1) throw invalid(`all(): \`${name}\` must be a positive whole number`);
  return value;
}

/** The options every page's call takes (`client.<area>.<name>`'s last argument). */
export const CALL_OPTIONS = ['signal', 'timeoutMs', 'maxRetries', 'headers'];

/** The options of `{..., signal, timeoutMs, maxRetries, headers}` that a call takes, or undefined. */
export function callOptions(options) {
  const out = {};
  for (const key of CALL_OPTIONS) if (options[key] !== undefined) out[key] = options[key];
  return Object.keys(out).length ? out : undefined;
}

/** The query (copied) and the options of `.all(query, options)`. */
function readOptions(query, options) {
  const { maxItems, maxPages, ...rest } = options ?? {};
  const unknown = Object.keys(rest).find((k) => !CALL_OPTIONS.includes(k));
  if (unknown) throw invalid(`all(): unknown option \`${unknown}\` (known: maxItems, maxPages, ${CALL_OPTIONS.join(', ')})`);
  return { maxItems: limit('maxItems', maxItems), maxPages: limit('maxPages', maxPages), perCall: callOptions(rest), query: { ...query } };
}

/**
 * `fn.all(...pathParams, query?, {maxItems, maxPages, ...callOptions}?)`: the items of every page, in
 * order, as an async iterator. Each page is fetched only when the caller reaches it, so
 * stopping early (break) sends no further request.
 */
export async function* pages(client, index, params, args, record) {
  const { maxItems, maxPages, perCall, query } = readArgument('all()', () => readOptions(args[params], args[params + 1]));
  let page = query.page ?? 1;
  for (let fetched = 0, yielded = 0; fetched < maxPages; fetched++) {
    const { data } = await client.call(index, [...args.slice(0, params), { ...query, page }, perCall], record());
    for (const item of data?.data ?? []) {
      if (yielded++ >= maxItems) return;
      yield item;
    }
    if (!data?.data?.length || !(data.current_page < data.last_page)) return;
    page = data.current_page + 1;
  }
}
