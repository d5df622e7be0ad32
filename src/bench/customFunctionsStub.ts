/**
 * The one global that src/functions needs, for running the custom functions in node. Excel
 * provides `CustomFunctions`; here it is a minimal stand-in with the same Error class and codes,
 * installed only when there is none (jest tests may install their own).
 */
class StubCustomFunctionsError extends Error {
  constructor(
    readonly code: string,
    message?: string,
  ) {
    super(message);
  }
}

const g = globalThis as unknown as { CustomFunctions?: unknown };
if (g.CustomFunctions === undefined) {
  g.CustomFunctions = {
    Error: StubCustomFunctionsError,
    ErrorCode: {
      invalidValue: '#VALUE!',
      notAvailable: '#N/A',
      divisionByZero: '#DIV/0!',
      invalidNumber: '#NUM!',
      nullReference: '#NULL!',
      invalidName: '#NAME?',
      invalidReference: '#REF!',
    },
    associate: () => undefined,
  };
}

export {};
