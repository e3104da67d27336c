/**
 * The queue's paths: `/` (which redirects to the default view) and `/cases`. Shared by the router's
 * screen preloading (routes.tsx) and the build, which names the queue screen's chunks in index.html so
 * a cold load of the queue fetches them alongside the entry (vite.config.ts, public/preload-queue.js).
 */
export const QUEUE_SCREEN_PATH = /^\/(cases\/?)?$/;
