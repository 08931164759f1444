/**
 * Keys whose values may carry personal data or secrets, compared after lower-casing and
 * removing `_`, `-`, `:` and `.` (so `phone_number`, `phoneNumber` and `cognito:username` all
 * match). The value is dropped whole, whatever its type or depth.
 */
const PII_KEYS = new Set(
  [
    'givenname familyname firstname lastname fullname middlename name names nickname phone',
    'phonenumber mobile msisdn email emailaddress headofhousehold collector proxyname birthdate',
    'dateofbirth dob address nationalid idnumber documentnumber gps geolocation coordinates latitude',
    'longitude note notes narrative description incidentdescription identifyingdetails survivorname',
    'perpetrator body rawbody username cognitousername authorization cookie setcookie token idtoken',
    'accesstoken tasktoken secret password xkobosecret signature xamzsecuritytoken',
  ]
    .join(' ')
    .split(' '),
);

export function isPiiKey(key: string): boolean {
  return PII_KEYS.has(key.toLowerCase().replace(/[_\-:.]/g, ''));
}

interface SafeError {
  type: string;
  code?: string;
  status?: number;
  stack?: string[];
  cause?: SafeError;
}

/**
 * An error reduced to identifiers: its class, code and stack frames. The message is left out
 * because parsers and SDKs quote input in it (JSON.parse shows the start of the body).
 */
export function safeError(error: Error, depth = 0): SafeError {
  const { code, status } = error as { code?: unknown; status?: unknown };
  const frames = error.stack?.split('\n').filter((line) => line.trimStart().startsWith('at '));
  const cause = error.cause instanceof Error && depth < 3 ? safeError(error.cause, depth + 1) : undefined;
  return {
    type: error.name,
    ...(typeof code === 'string' ? { code } : {}),
    ...(typeof status === 'number' ? { status } : {}),
    ...(frames?.length ? { stack: frames.map((line) => line.trim()) } : {}),
    ...(cause ? { cause } : {}),
  };
}

/**
 * JSON replacer for the Powertools logger: it sees every key of every log item at any depth,
 * so personal data is removed however it was passed (message arguments, persistent keys, an
 * event logged by mistake).
 */
export function piiGuard(key: string, value: unknown): unknown {
  if (key !== '' && isPiiKey(key)) return undefined;
  if (value instanceof Error) return safeError(value);
  return value;
}
