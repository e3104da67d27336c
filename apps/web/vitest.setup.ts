// Mantine reads these browser APIs that jsdom does not implement.
import { configure } from '@testing-library/react';
import { vi } from 'vitest';

// Whole-app renders (sign-in guard, layout, the route's lazily loaded chunk, then the page's own
// queries) can take more than Testing Library's 1 s default on a loaded two-core CI machine: the first
// render of a file also transforms the route's modules. A missing element still fails, only later,
// and within the 20 s test timeout.
configure({ asyncUtilTimeout: 12_000 });

Object.defineProperty(window, 'matchMedia', {
  writable: true,
  value: vi.fn().mockImplementation((query: string) => ({
    matches: false,
    media: query,
    onchange: null,
    addListener: vi.fn(),
    removeListener: vi.fn(),
    addEventListener: vi.fn(),
    removeEventListener: vi.fn(),
    dispatchEvent: vi.fn(),
  })),
});

class ResizeObserverStub {
  observe() {}
  unobserve() {}
  disconnect() {}
}
window.ResizeObserver = ResizeObserverStub as unknown as typeof ResizeObserver;

// Mantine's autosizing Textarea listens for web fonts loading; jsdom has no FontFaceSet.
if (!('fonts' in document)) {
  Object.defineProperty(document, 'fonts', {
    value: { addEventListener: vi.fn(), removeEventListener: vi.fn(), ready: Promise.resolve() },
  });
}

// Testing Library only cleans up by itself when Vitest globals are on; they are not here.
import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

afterEach(() => cleanup());
