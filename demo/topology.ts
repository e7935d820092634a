/**
 * The demo shop: which services exist, how many instances each runs, their routes, how slow and how
 * flaky each route is, and whom each route calls. Everything else in demo/ reads this one table, so
 * changing the shop's shape is an edit here only.
 */

export type Method = 'GET' | 'POST';

/** One outgoing call made while serving a route. `{id}` in the path is filled with a random id. */
export interface Call {
  service: string;
  method: Method;
  path: string;
}

export interface RouteSpec {
  method: Method;
  /** Route template as it appears in `http_route`, with `{param}` segments. */
  route: string;
  /** The route's own work, log-normal: median and the spread of ln(latency). */
  latency: { medianMs: number; sigma: number };
  /** Baseline share of requests that fail on their own (not counting injected faults). */
  errorRate?: number;
  errorStatus?: number;
  /** Made one after another, like a handler that needs each answer before the next step. */
  calls: Call[];
  /** Relative share of the load generator's requests (gateway routes only). */
  traffic?: number;
}

export interface ServiceSpec {
  name: string;
  team: string;
  instances: number;
  routes: RouteSpec[];
}

const lat = (medianMs: number, sigma = 0.45) => ({ medianMs, sigma });

export const FLEET: readonly ServiceSpec[] = [
  {
    name: 'gateway',
    team: 'edge',
    instances: 2,
    routes: [
      { method: 'GET', route: '/api/products', latency: lat(2), calls: [{ service: 'catalog', method: 'GET', path: '/products' }], traffic: 30 },
      { method: 'GET', route: '/api/products/{id}', latency: lat(2), calls: [{ service: 'catalog', method: 'GET', path: '/products/{id}' }], traffic: 20 },
      { method: 'GET', route: '/api/cart', latency: lat(2), calls: [{ service: 'cart', method: 'GET', path: '/cart' }], traffic: 15 },
      { method: 'POST', route: '/api/cart/items', latency: lat(2), calls: [{ service: 'cart', method: 'POST', path: '/cart/items' }], traffic: 5 },
      { method: 'POST', route: '/api/checkout', latency: lat(3), calls: [{ service: 'checkout', method: 'POST', path: '/checkout' }], traffic: 8 },
      { method: 'GET', route: '/api/recommendations', latency: lat(2), calls: [{ service: 'recommendations', method: 'GET', path: '/recommendations' }], traffic: 12 },
      { method: 'GET', route: '/api/me', latency: lat(2), calls: [{ service: 'users', method: 'GET', path: '/users/{id}' }], traffic: 10 },
    ],
  },
  {
    name: 'catalog',
    team: 'discovery',
    instances: 2,
    routes: [
      { method: 'GET', route: '/products', latency: lat(9), calls: [{ service: 'inventory', method: 'GET', path: '/stock' }] },
      { method: 'GET', route: '/products/{id}', latency: lat(5), calls: [{ service: 'inventory', method: 'GET', path: '/stock/{id}' }] },
    ],
  },
  {
    name: 'cart',
    team: 'checkout',
    instances: 1,
    routes: [
      { method: 'GET', route: '/cart', latency: lat(4), calls: [] },
      { method: 'POST', route: '/cart/items', latency: lat(7), calls: [] },
    ],
  },
  {
    name: 'checkout',
    team: 'checkout',
    instances: 1,
    routes: [
      {
        method: 'POST',
        route: '/checkout',
        latency: lat(8),
        calls: [
          { service: 'cart', method: 'GET', path: '/cart' },
          { service: 'inventory', method: 'POST', path: '/reservations' },
          { service: 'payments', method: 'POST', path: '/charges' },
          { service: 'shipping', method: 'POST', path: '/shipments' },
        ],
      },
    ],
  },
  {
    name: 'recommendations',
    team: 'discovery',
    instances: 1,
    routes: [{ method: 'GET', route: '/recommendations', latency: lat(22, 0.6), calls: [{ service: 'catalog', method: 'GET', path: '/products' }] }],
  },
  {
    name: 'users',
    team: 'identity',
    instances: 1,
    routes: [{ method: 'GET', route: '/users/{id}', latency: lat(4), calls: [] }],
  },
  {
    name: 'payments',
    team: 'payments',
    instances: 1,
    // The card network is the slow, flaky part of every checkout.
    routes: [{ method: 'POST', route: '/charges', latency: lat(45, 0.5), errorRate: 0.02, errorStatus: 503, calls: [] }],
  },
  {
    name: 'inventory',
    team: 'fulfilment',
    instances: 1,
    routes: [
      { method: 'GET', route: '/stock', latency: lat(6), calls: [] },
      { method: 'GET', route: '/stock/{id}', latency: lat(3), calls: [] },
      { method: 'POST', route: '/reservations', latency: lat(12), errorRate: 0.005, errorStatus: 500, calls: [] },
    ],
  },
  {
    name: 'shipping',
    team: 'fulfilment',
    instances: 1,
    routes: [{ method: 'POST', route: '/shipments', latency: lat(15), calls: [] }],
  },
  {
    // Registered and scraped, but no route of any service calls it: the dashboard's idle service.
    name: 'email',
    team: 'growth',
    instances: 1,
    routes: [{ method: 'POST', route: '/emails', latency: lat(20), calls: [] }],
  },
];

export function serviceSpec(name: string): ServiceSpec | undefined {
  return FLEET.find((s) => s.name === name);
}
