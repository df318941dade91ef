/** The headers helmet 8 sets (its defaults), which every response of a service carries. */
export const HELMET_HEADER_NAMES = [
  'content-security-policy',
  'cross-origin-opener-policy',
  'cross-origin-resource-policy',
  'origin-agent-cluster',
  'referrer-policy',
  'strict-transport-security',
  'x-content-type-options',
  'x-dns-prefetch-control',
  'x-download-options',
  'x-frame-options',
  'x-permitted-cross-domain-policies',
  'x-xss-protection',
] as const;

/** The helmet headers among `headers` (names lower-case, as Node and light-my-request give them). */
export function securityHeadersOf(headers: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return Object.fromEntries(
    HELMET_HEADER_NAMES.filter((name) => name in headers).map((name) => [name, headers[name]]),
  );
}
