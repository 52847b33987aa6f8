import { lookup } from 'node:dns/promises';
import type { LookupFunction } from 'node:net';
import { isIP } from 'node:net';
import { nonPublicReason } from './private-address.js';

export interface ResolvedAddress {
  address: string;
  family: number;
}

/** Host name → addresses; the system resolver unless a test passes its own. */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

const RESOLVE_TIMEOUT_MS = 5000;

export const systemResolver: Resolver = (hostname) => lookup(hostname, { all: true });

export class WebhookUrlError extends Error {}

export interface UrlPolicy {
  /** WEBHOOK_ALLOW_PRIVATE: loopback/private targets are allowed (local development). */
  allowPrivate: boolean;
  resolve?: Resolver;
}

async function resolveWithTimeout(resolve: Resolver, hostname: string): Promise<ResolvedAddress[]> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new WebhookUrlError(`${hostname} did not resolve within ${RESOLVE_TIMEOUT_MS / 1000} s`)), RESOLVE_TIMEOUT_MS);
  });
  try {
    return await Promise.race([resolve(hostname), timeout]);
  } catch (error) {
    if (error instanceof WebhookUrlError) throw error;
    throw new WebhookUrlError(`${hostname} does not resolve (${(error as { code?: string }).code ?? 'lookup failed'})`);
  } finally {
    clearTimeout(timer);
  }
}

function refuse(address: string, reason: string): never {
  throw new WebhookUrlError(`${address} is a ${reason} address; webhooks go only to public addresses unless WEBHOOK_ALLOW_PRIVATE=true`);
}

/** Every address of the host must be public: one private answer among public ones is still refused. */
function assertPublic(addresses: readonly ResolvedAddress[]): void {
  for (const { address } of addresses) {
    const reason = nonPublicReason(address);
    if (reason) refuse(address, reason);
  }
}

/** The URL's own form: http(s), no credentials, a host. Does not resolve anything. */
function parseWebhookUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new WebhookUrlError('is not a URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new WebhookUrlError('must be an http or https URL');
  if (url.username || url.password) throw new WebhookUrlError('must not contain credentials (verify the signature instead)');
  if (!url.hostname) throw new WebhookUrlError('has no host');
  return url;
}

/** The host of a URL without the brackets of an IPv6 literal. */
function hostOf(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1');
}

function isLocalhostName(host: string): boolean {
  const name = host.toLowerCase().replace(/\.$/, '');
  return name === 'localhost' || name.endsWith('.localhost');
}

/**
 * Checks a webhook URL: its form and, unless private targets are allowed, that the host is (or
 * resolves only to) public addresses. Run at registration and again before every delivery, and
 * the connection itself goes through {@link guardedLookup}, so DNS rebinding gains nothing.
 */
export async function checkWebhookUrl(raw: string, policy: UrlPolicy): Promise<URL> {
  const url = parseWebhookUrl(raw);
  if (policy.allowPrivate) return url;
  const host = hostOf(url);
  if (isIP(host)) {
    assertPublic([{ address: host, family: isIP(host) }]);
    return url;
  }
  if (isLocalhostName(host)) refuse(host, 'loopback');
  const addresses = await resolveWithTimeout(policy.resolve ?? systemResolver, host);
  if (addresses.length === 0) throw new WebhookUrlError(`${host} does not resolve`);
  assertPublic(addresses);
  return url;
}

/**
 * A `lookup` for the outgoing connection that refuses non-public answers: the address connected
 * to is the one checked, whatever the DNS says between the check and the connection.
 */
export function guardedLookup(policy: UrlPolicy): LookupFunction {
  return (hostname, options, callback) => {
    const resolve = policy.resolve ?? systemResolver;
    resolveWithTimeout(resolve, hostname)
      .then((found) => {
        const family = options.family === 4 || options.family === 6 ? options.family : undefined;
        const addresses = family ? found.filter((entry) => entry.family === family) : found;
        if (addresses.length === 0) throw new WebhookUrlError(`${hostname} does not resolve`);
        if (!policy.allowPrivate) {
          if (isLocalhostName(hostname)) refuse(hostname, 'loopback');
          assertPublic(addresses);
        }
        const first = addresses[0]!;
        if (options.all) callback(null, addresses);
        else callback(null, first.address, first.family);
      })
      .catch((error: unknown) => callback(error as NodeJS.ErrnoException, '', 0));
  };
}
