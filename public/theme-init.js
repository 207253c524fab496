// Applies the stored theme before first paint (no flash). A file rather than an
// inline script, so the Content-Security-Policy can forbid inline scripts.
// Keep the key in sync with THEME_STORAGE_KEY in src/app/theme.ts.
/* global window, document */
(function () {
  try {
    var stored = localStorage.getItem('tensorone-billing.theme');
    var dark =
      stored === 'dark' || (stored !== 'light' && window.matchMedia('(prefers-color-scheme: dark)').matches);
    document.documentElement.classList.toggle('dark', dark);
  } catch {
    /* storage unavailable: follow the stylesheet default */
  }
})();
