/* global fetch, URLSearchParams */
export const API_BASE = '/api/v1';

/** Any answer that is not a 2xx `{status:"success"}` envelope; carries the API's own code and message. */
export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
  }
}

function queryString(query) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const encoded = params.toString();
  return encoded ? `?${encoded}` : '';
}

async function readBody(response) {
  const raw = await response.text();
  if (!raw) return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}

function errorFrom(response, body) {
  const error = body && typeof body === 'object' ? body.error : undefined;
  const message = typeof error?.message === 'string' && error.message ? error.message : `HTTP ${response.status} ${response.statusText}`.trim();
  const code = typeof error?.code === 'string' ? error.code : `HTTP_${response.status}`;
  return new ApiError(response.status, code, message);
}

/** `request('GET', '/payment', { query })` → `data` of the envelope, or throws ApiError. */
export function createApi(getToken) {
  async function request(method, path, options = {}) {
    const token = options.token ?? getToken();
    const headers = { accept: 'application/json' };
    if (token) headers.token = token;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    let response;
    try {
      response = await fetch(`${API_BASE}${path}${queryString(options.query)}`, {
        method,
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        cache: 'no-store',
        credentials: 'omit',
      });
    } catch (cause) {
      throw new ApiError(0, 'NETWORK_ERROR', `the node did not answer (${cause instanceof Error ? cause.message : String(cause)})`);
    }
    const body = await readBody(response);
    if (!response.ok || body?.status !== 'success') {
      if (response.ok) throw new ApiError(response.status, 'BAD_RESPONSE', 'the node answered without a success envelope');
      throw errorFrom(response, body);
    }
    return body.data;
  }
  return {
    request,
    get: (path, query, options) => request('GET', path, { ...options, query }),
    post: (path, body) => request('POST', path, { body }),
    patch: (path, body) => request('PATCH', path, { body }),
    delete: (path, body) => request('DELETE', path, { body }),
  };
}
