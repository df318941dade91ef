/** Query parameters whose values are credentials: a form sent with GET, or a token in a link. */
const SECRET_PARAMETER = /pass|token|secret|auth|session|signature|api[-_]?key|credential/i;

/**
 * The request URL as logged: path and query kept (search text and filters help debugging), but the
 * value of any parameter named like a credential replaced by `[redacted]`.
 */
export function loggableUrl(url: string): string {
  const start = url.indexOf('?');
  if (start === -1) return url;
  const query = url
    .slice(start + 1)
    .split('&')
    .map((pair) => {
      const equals = pair.indexOf('=');
      const rawName = equals === -1 ? pair : pair.slice(0, equals);
      let name = rawName;
      try {
        name = decodeURIComponent(rawName.replace(/\+/g, ' '));
      } catch {
        // A malformed escape: judge the name as written.
      }
      return equals !== -1 && SECRET_PARAMETER.test(name) ? `${rawName}=[redacted]` : pair;
    })
    .join('&');
  return `${url.slice(0, start)}?${query}`;
}
