import { afterEach, vi } from 'vitest';
import { cleanup } from '@testing-library/react';

// Tell React this is a test environment, so act() works without warnings.
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});
