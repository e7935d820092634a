import Link from 'next/link';
import type { WriteAccess } from './usePolicies';

/** Why the controls next to it are disabled: "Operator role needed (sign in)". Nothing when they are not. */
export function WriteGate({ access }: { access: WriteAccess }) {
  if (access.can || access.why === null) return null;
  return (
    <p className="text-xs text-slate-600 dark:text-slate-400" data-write-gate>
      {access.why}
      {access.signIn && (
        <>
          {' ('}
          <Link href={access.signIn} className="text-sky-700 underline dark:text-sky-400">
            sign in
          </Link>
          {')'}
        </>
      )}
    </p>
  );
}
