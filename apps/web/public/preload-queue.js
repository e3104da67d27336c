// Opened on the review queue (the home screen), a cold load fetches the queue screen's chunks while
// the entry bundle is still being fetched and run, instead of once the router has started: the build
// (vite.config.ts, preloadQueueScreen) names them and the queue's paths in this tag's data attributes.
// A file rather than an inline script: the CSP allows only 'self' scripts.
(() => {
  const script = document.currentScript;
  if (!script || !new RegExp(script.dataset.path || '$^').test(window.location.pathname)) return;
  for (const href of (script.dataset.chunks || '').split(' ').filter(Boolean)) {
    const link = document.createElement('link');
    link.rel = 'modulepreload';
    link.crossOrigin = '';
    link.href = href;
    document.head.appendChild(link);
  }
})();
