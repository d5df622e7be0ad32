/**
 * An error the engine raises for bad input. It carries a stable code and a message in Chinese
 * and English, so callers (custom functions, CLI, pane) can show it in the user's language.
 */
export class KaoheError extends Error {
  constructor(
    readonly code: string,
    readonly zh: string,
    readonly en: string,
    readonly field?: string,
  ) {
    super(`${zh} / ${en}`);
    this.name = 'KaoheError';
  }
}

/** Type guard, because errors cross module (and in Excel, realm) boundaries. */
export function isKaoheError(err: unknown): err is KaoheError {
  return err instanceof KaoheError || (typeof err === 'object' && err !== null && (err as { name?: unknown }).name === 'KaoheError');
}
