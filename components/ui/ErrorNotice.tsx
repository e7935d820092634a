export interface ErrorNoticeProps {
  title: string;
  message: string;
  onRetry?: () => void;
}

/** A panel-level failure: says what failed and why, offers a retry, and leaves the rest of the page alone. */
export function ErrorNotice({ title, message, onRetry }: ErrorNoticeProps) {
  return (
    <div role="alert" className="m-4 rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-200">
      <p className="font-semibold">{title}</p>
      <p className="mt-1 break-words">{message}</p>
      {onRetry && (
        <button
          type="button"
          onClick={onRetry}
          className="mt-2 rounded border border-red-400 px-2 py-0.5 text-xs font-medium hover:bg-red-100 dark:border-red-700 dark:hover:bg-red-900"
        >
          Try again
        </button>
      )}
    </div>
  );
}
