import 'server-only';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { callsBetween, type ContractMode, type TraceCall } from './calls';

/**
 * A stand-in for Jaeger's HTTP JSON API (`/api/dependencies` on :16686) as the reference documents it
 * (cmd/query/app/http_handler.go, query_parser.go): `endTs` in ms (default now) and `lookback` in ms
 * (default 24 h), both parsed as base-10 int64; the answer is the envelope {data, total, limit, offset,
 * errors} with data = [{parent, child, callCount}], one per (parent, child) with counts added up.
 * Errors use the same envelope written through Go's http.Error: Content-Type text/plain, a trailing
 * newline; 400 for a bad parameter, 500 when storage fails. Unknown paths get mux's plain 404.
 */
export interface HttpContract {
  url: string;
  /** The query string of every /api/dependencies request, in order. */
  requests: URLSearchParams[];
  mode: ContractMode;
  close(): Promise<void>;
}

const DAY_MS = 24 * 3_600_000;

/** Go's strconv.ParseInt(s, 10, 64), as far as the tests need it. */
function parseInt64(param: string, raw: string): number | string {
  if (!/^[+-]?\d+$/.test(raw)) return `unable to parse param '${param}': strconv.ParseInt: parsing ${JSON.stringify(raw)}: invalid syntax`;
  return Number(raw);
}

function goHttpError(res: ServerResponse, status: number, msg: string) {
  const body = JSON.stringify({ data: null, total: 0, limit: 0, offset: 0, errors: [{ code: status, msg }] });
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' }).end(`${body}\n`);
}

export async function startHttpContract(calls: readonly TraceCall[]): Promise<HttpContract> {
  const contract: HttpContract = { url: '', requests: [], mode: 'ok', close: async () => {} };
  const server = createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://jaeger');
    if (req.method !== 'GET' || u.pathname !== '/api/dependencies') return void res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('404 page not found\n');
    contract.requests.push(u.searchParams);
    const endTs = u.searchParams.get('endTs') ? parseInt64('endTs', u.searchParams.get('endTs')!) : Date.now();
    if (typeof endTs === 'string') return goHttpError(res, 400, endTs);
    const lookback = u.searchParams.get('lookback') ? parseInt64('lookback', u.searchParams.get('lookback')!) : DAY_MS;
    if (typeof lookback === 'string') return goHttpError(res, 400, lookback);
    if (contract.mode === 'hang') return;
    if (contract.mode === 'fail') return goHttpError(res, 500, 'storage is down');
    if (contract.mode === 'garbage') return void res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"data":[{"parent":"a","child":"b","callCount":"many"}],"total":0,"limit":0,"offset":0,"errors":null}');
    const summed = new Map<string, { parent: string; child: string; callCount: number }>();
    for (const c of callsBetween(calls, endTs - lookback, endTs)) {
      const key = JSON.stringify([c.parent, c.child]);
      const link = summed.get(key) ?? { parent: c.parent, child: c.child, callCount: 0 };
      link.callCount += c.count;
      summed.set(key, link);
    }
    res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ data: [...summed.values()], total: 0, limit: 0, offset: 0, errors: null }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  contract.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  contract.close = () =>
    new Promise<void>((r) => {
      server.closeAllConnections();
      server.close(() => r());
    });
  return contract;
}
