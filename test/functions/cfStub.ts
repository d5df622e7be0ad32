/**
 * A stand-in for Excel's `CustomFunctions` global, for jest and for the `vm` test of the built
 * bundle. office-addin-mock has no CustomFunctions.Error (Office-Addin-Scripts #733), so this
 * mirrors the runtime's shape: Error(code, message), ErrorCode (values as Excel shows them),
 * associate(id, fn) in both of its forms.
 */
export const ErrorCode = {
  invalidValue: '#VALUE!',
  notAvailable: '#N/A',
  divisionByZero: '#DIV/0!',
  invalidNumber: '#NUM!',
  nullReference: '#NULL!',
  invalidName: '#NAME?',
  invalidReference: '#REF!',
} as const;

export class StubCfError {
  readonly type = 'CustomFunctionError';
  constructor(
    readonly code: string,
    readonly message?: string,
  ) {}
}

export interface CustomFunctionsStub {
  Error: typeof StubCfError;
  ErrorCode: typeof ErrorCode;
  associate(idOrMap: string | Record<string, (...args: unknown[]) => unknown>, fn?: (...args: unknown[]) => unknown): void;
  /** What was associated, by id. */
  readonly associated: Map<string, (...args: unknown[]) => unknown>;
}

export function makeCustomFunctionsStub(): CustomFunctionsStub {
  const associated = new Map<string, (...args: unknown[]) => unknown>();
  return {
    Error: StubCfError,
    ErrorCode,
    associated,
    associate(idOrMap, fn) {
      if (typeof idOrMap === 'string') {
        if (typeof fn !== 'function') throw new TypeError(`associate(${idOrMap}) without a function`);
        if (associated.has(idOrMap)) throw new Error(`${idOrMap} associated twice`);
        associated.set(idOrMap, fn);
      } else for (const [id, f] of Object.entries(idOrMap)) this.associate(id, f);
    },
  };
}

/** Installs a fresh stub as the global `CustomFunctions` and returns it. */
export function installCustomFunctionsStub(): CustomFunctionsStub {
  const stub = makeCustomFunctionsStub();
  (globalThis as unknown as { CustomFunctions: CustomFunctionsStub }).CustomFunctions = stub;
  return stub;
}

/** True when a result cell is an error with this code (e.g. '#VALUE!') and a message matching `msg`. */
export function isCellError(value: unknown, code: string, msg?: RegExp): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const e = value as { code?: unknown; message?: unknown };
  if (e.code !== code) return false;
  return msg === undefined || (typeof e.message === 'string' && msg.test(e.message));
}

/** Jest helper: asserts an error cell, with a readable failure. */
export function expectCellError(value: unknown, code: string, msg?: RegExp): void {
  if (!isCellError(value, code, msg)) {
    throw new Error(`expected ${code}${msg ? ` matching ${String(msg)}` : ''}, got ${JSON.stringify(value)}`);
  }
}
