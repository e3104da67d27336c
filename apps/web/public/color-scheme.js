// Applies the saved colour scheme (or the system's) before the SPA bundle runs, so a dark-mode user
// does not see a white flash. A file rather than an inline script: the CSP allows only 'self' scripts.
// Same key and values as Mantine's localStorageColorSchemeManager.
(() => {
  let scheme = 'auto';
  try {
    scheme = window.localStorage.getItem('mantine-color-scheme-value') || 'auto';
  } catch {}
  if (scheme !== 'light' && scheme !== 'dark')
    scheme = window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
  document.documentElement.setAttribute('data-mantine-color-scheme', scheme);
})();
