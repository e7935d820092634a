/**
 * Theme before first paint. The server can't know the viewer's choice (localStorage) or OS preference,
 * so an inline script in <head> sets the `dark` class on <html> while the HTML is parsed; React then
 * hydrates over it (the layout marks <html> suppressHydrationWarning). Kept tiny and dependency-free:
 * it runs before any bundle loads.
 */
export const THEME_STORAGE_KEY = 'switchyard-theme';

export const THEME_SCRIPT = `(function(){try{var s=localStorage.getItem(${JSON.stringify(THEME_STORAGE_KEY)});var d=s?s==="dark":window.matchMedia("(prefers-color-scheme: dark)").matches;document.documentElement.classList.toggle("dark",d)}catch(e){}})()`;
