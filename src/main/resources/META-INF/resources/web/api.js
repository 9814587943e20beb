// The API, as orchestrator-client uses it: every read and change goes through /api/... with the
// browser's own credentials, so the server's permissions and the follower proxy apply unchanged.
// Changes are sent as GET, orchestrator's method: a browser adds no Origin header to a same-origin
// GET, so a change sent to a follower is judged by the leader exactly as one sent to the leader.

/** An error the API answered, with its message. */
export class ApiError extends Error {
  constructor(status, message, details) {
    super(message);
    this.status = status;
    this.details = details;
  }
}

/** GET /api/<path>; the parsed JSON, or ApiError with the API's Message. */
export async function api(path) {
  let response;
  try {
    response = await fetch('/api/' + path, { headers: { Accept: 'application/json' }, credentials: 'same-origin',
      cache: 'no-store' });
  } catch (e) {
    throw new ApiError(0, 'cannot reach quorch: ' + e.message);
  }
  const text = await response.text();
  let body = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    // not JSON: keep the text
  }
  if (!response.ok || (body && body.Code === 'ERROR')) {
    const message = body && typeof body === 'object' && body.Message ? body.Message : `${response.status} ${text}`;
    throw new ApiError(response.status, message, body && body.Details);
  }
  return body;
}

/** The Details of an envelope answer ({Code, Message, Details}), or the answer itself. */
export async function details(path) {
  const body = await api(path);
  return body && typeof body === 'object' && 'Details' in body && 'Code' in body ? body.Details : body;
}

let me = null;

/** Who the server says we are: {User, MayChange, AuthenticationMethod}. Asked once. */
export async function whoami() {
  if (!me) {
    try {
      me = await api('whoami');
    } catch (e) {
      // an older server or no permission to read: show no actions
      me = { User: '', MayChange: false, AuthenticationMethod: '?', error: e.message };
    }
  }
  return me;
}

/** Whether the current user may change things (set once whoami answered). */
export function mayChange() {
  return !!(me && me.MayChange);
}
