import { LoginRequest, SessionInfo } from '../schemas/auth';
import { getJson } from './fetch-json';
import { sendJson } from './write-json';

/**
 * The browser's session: who is signed in, their role, the CSRF token. Not part of lib/query/keys.ts's
 * time-range keys: it changes on sign-in and sign-out, which set it directly (setQueryData).
 */
export const sessionKey = ['session'] as const;

export const SESSION_URL = '/api/v1/session';

export function sessionQuery() {
  return {
    queryKey: sessionKey,
    queryFn: ({ signal }: { signal: AbortSignal }) => getJson(SESSION_URL, SessionInfo, signal),
  };
}

export const signIn = (credentials: LoginRequest) => sendJson('POST', SESSION_URL, credentials, SessionInfo);
export const signOut = () => sendJson('DELETE', SESSION_URL, undefined, SessionInfo);
