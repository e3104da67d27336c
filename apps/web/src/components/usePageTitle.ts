import { useEffect } from 'react';

export const APP_TITLE = 'Compliance review';

/** Names the browser tab after the screen (`Users · Compliance review`) and restores the app's name on leaving. */
export function usePageTitle(screen: string): void {
  useEffect(() => {
    document.title = `${screen} · ${APP_TITLE}`;
    return () => {
      document.title = APP_TITLE;
    };
  }, [screen]);
}
