// `fn.all(...)`: ClickSend's pages as one async iterator, for every paginated function.
import { invalid, readArgument } from './error.js';

function limit(name, value) {
  if (value === undefined) return Infinity;
  if (!Number.isInteger(value) || value < 1) throw invalid(`all(): \`${name}\` must be a positive whole number`);
  return value;
}

/** The query (copied) and the options of `.all(query, options)`. */
function readOptions(query, options) {
  const { maxItems, maxPages, signal, ...rest } = options ?? {};
  if (Object.keys(rest).length) throw invalid(`all(): unknown option \`${Object.keys(rest)[0]}\` (known: maxItems, maxPages, signal)`);
  return { maxItems: limit('maxItems', maxItems), maxPages: limit('maxPages', maxPages), signal, query: { ...query } };
}

/**
 * `fn.all(...pathParams, query?, {maxItems, maxPages, signal}?)`: the items of every page, in
 * order, as an async iterator. Each page is fetched only when the caller reaches it, so
 * stopping early (break) sends no further request.
 */
export async function* pages(client, index, params, args) {
  const { maxItems, maxPages, signal, query } = readArgument('all()', () => readOptions(args[params], args[params + 1]));
  let page = query.page ?? 1;
  for (let fetched = 0, yielded = 0; fetched < maxPages; fetched++) {
    const { data } = await client.call(index, [...args.slice(0, params), { ...query, page }, signal ? { signal } : undefined]);
    for (const item of data?.data ?? []) {
      if (yielded++ >= maxItems) return;
      yield item;
    }
    if (!data?.data?.length || !(data.current_page < data.last_page)) return;
    page = data.current_page + 1;
  }
}
