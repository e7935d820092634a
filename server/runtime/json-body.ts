import 'server-only';
import { badResponse, sourceUnavailable } from './errors';

/**
 * Reads a backend's answer as JSON whatever its Content-Type (Go's http.Error sends JSON error bodies
 * as text/plain). A body that is not JSON is, on a 5xx, the backend or a proxy in front of it failing;
 * otherwise something that is not the API we expected (a login page, a wrong URL).
 */
export async function readJsonBody(source: string, path: string, res: Response): Promise<unknown> {
  const text = await res.text();
  try {
    return JSON.parse(text) as unknown;
  } catch {
    if (res.status >= 500) throw sourceUnavailable(source, `HTTP ${res.status} from ${path}: ${text.slice(0, 200)}`);
    throw badResponse(source, `${path} answered HTTP ${res.status} with non-JSON (${res.headers.get('content-type') ?? 'no content type'}): ${text.slice(0, 120)}`);
  }
}
