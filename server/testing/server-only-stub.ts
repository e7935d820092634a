// Vitest alias target for `server-only` (Next enforces it at compile time; tests run outside Next).
export {};
