// No inline or remote script anywhere; styles from our own files (Vue binds dynamic
// styles through the CSSOM, which CSP does not block). connect-src 'self' admits the
// browser-mode WebSocket on the same origin.
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ')
