import { redirect } from 'next/navigation';

/** "/" is the services view; the query string (time range, refresh) comes along. */
export default async function Home({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(await searchParams)) {
    for (const one of Array.isArray(v) ? v : v === undefined ? [] : [v]) params.append(k, one);
  }
  const qs = params.toString();
  redirect(qs ? `/services?${qs}` : '/services');
}
