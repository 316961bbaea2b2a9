// Alternative B: a plain hand-written fetch client for the calls the benchmarks make, the
// lower bound for per-call overhead. No checks beyond what fetch does.
export class FetchClient {
  constructor({ apiKey, baseUrl = 'https://gateway.maton.ai/clicksend' }) {
    this.base = `${baseUrl}/v3`;
    this.headers = { Authorization: `Bearer ${apiKey}`, Accept: 'application/json' };
  }

  async #call(method, path, { query, body } = {}) {
    const url = query ? `${this.base}${path}?${new URLSearchParams(query)}` : `${this.base}${path}`;
    const headers = body ? { ...this.headers, 'Content-Type': 'application/json' } : this.headers;
    const res = await fetch(url, { method, headers, body: body && JSON.stringify(body) });
    const json = await res.json();
    if (!res.ok) throw Object.assign(new Error(json.response_msg ?? `HTTP ${res.status}`), { status: res.status, code: json.response_code });
    return json;
  }

  sendSms(body) {
    return this.#call('POST', '/sms/send', { body });
  }

  smsHistory(query) {
    return this.#call('GET', '/sms/history', { query });
  }

  /** Batching by hand, as a user of this client would: calls of 1000, `concurrency` in flight. */
  async sendBulk(messages, concurrency = 2) {
    const results = new Array(messages.length);
    let next = 0;
    const worker = async () => {
      while (next < messages.length) {
        const start = next;
        next += 1000;
        const batch = messages.slice(start, start + 1000);
        try {
          const res = await this.sendSms({ messages: batch });
          for (const [k, message] of res.data.messages.entries()) results[start + k] = { ok: true, message };
        } catch (error) {
          for (let k = 0; k < batch.length; k++) results[start + k] = { ok: false, error };
        }
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    return results;
  }
}
