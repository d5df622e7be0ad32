/**
 * Loads the BUILT dist/functions.js in a bare Node `vm` context whose only global is a stub
 * `CustomFunctions`, as in Excel's JavaScript-only runtime (no window, DOM or Office.onReady),
 * then calls every function by its id.
 */
import vm from 'node:vm';
import { makeCustomFunctionsStub, type CustomFunctionsStub } from '../functions/cfStub';
import { readDist } from './distFiles';

const IDS = ['SCORE.PARTYLINE', 'SCORE.FPLINE', 'SCORE.DEPT', 'SCORE.TOTAL', 'SCORE.RANK', 'SCORE.BONUS', 'SCORE.DEDUCT', 'SCORE.RATE', 'VETO.CHECK', 'SCORE.SUM', 'SCORE.LINE', 'SCORE.CLASSRANK'];

let stub: CustomFunctionsStub;
let context: vm.Context;

beforeAll(() => {
  const source = readDist('functions.js');
  stub = makeCustomFunctionsStub();
  context = vm.createContext({ CustomFunctions: stub });
  vm.runInContext(source, context, { filename: 'dist/functions.js', timeout: 5000 });
});

/** Calls a registered function and brings its result into this realm as plain data. */
function call(id: string, ...args: unknown[]): unknown {
  const fn = stub.associated.get(id);
  if (!fn) throw new Error(`${id} was not associated`);
  return JSON.parse(JSON.stringify(fn(...args)));
}

describe('dist/functions.js in a bare vm', () => {
  it('associates exactly the published ids', () => {
    expect([...stub.associated.keys()].sort()).toEqual([...IDS].sort());
  });

  it('adds no globals of its own and needs nothing but CustomFunctions at load', () => {
    expect(Object.keys(context)).toEqual(['CustomFunctions']);
  });

  it('does not reference the DOM, window, self, localStorage or Office', () => {
    const source = readDist('functions.js');
    for (const re of [/\bwindow\./, /\bdocument\./, /\bself\./, /\blocalStorage\b/, /\bOffice\./, /\bExcel\.run\b/]) {
      expect(source).not.toMatch(re);
    }
  });

  it('every function answers through the built bundle', () => {
    expect(call('SCORE.PARTYLINE', [[100, 20, 70, 20, 60, 100]])).toEqual([[370]]);
    expect(call('SCORE.FPLINE', [[80, 80, 160, 60, 140, 70, 20, 20]])).toEqual([[630]]);
    expect(call('SCORE.DEPT', [[30, 20, 20, 25]])).toEqual([[95]]);
    expect(call('SCORE.TOTAL', [[350]], [[600]], [[10]], [[-20]], null)).toEqual([[940]]);
    expect(call('SCORE.RANK', [[950], [940], [940]], [[950], [940], [940]], null, null)).toEqual([[1], [2], [2]]);
    expect(call('SCORE.BONUS', [['B2']], [['省级']])).toEqual([[7]]);
    expect(call('SCORE.DEDUCT', [['X5']], [[3]], [[1]])).toEqual([[20]]);
    expect(call('SCORE.RATE', [[90]], [[96]], [[50]], [[2]])).toEqual([[38]]);
    expect(call('VETO.CHECK', [[94.5]], [[95]], null)).toEqual([[true]]);
    expect(call('SCORE.SUM', [[5, 10]], [[10, 20]])).toEqual([[15]]);
    const table = [['类型', '代码', '项目', '分值', '所属'], ['线', 'P', '综合线', 100, null], ['指标', 'P1', '甲', 40, 'P'], ['指标', 'P2', '乙', 60, 'P']];
    expect(call('SCORE.LINE', [[30, 55]], [['P']], table)).toEqual([[85]]);
    expect(call('SCORE.CLASSRANK', [[950], [940]], [[950], [940]], [['一类'], ['一类']], null)).toEqual([[1], [2]]);
  });

  it('errors come back as CustomFunctions.Error cells with the message', () => {
    const out = call('SCORE.PARTYLINE', [[100, 25, 70, 20, 60, 100]]) as { code: string; message: string }[][];
    expect(out[0]![0]!.code).toBe('#VALUE!');
    expect(out[0]![0]!.message).toMatch(/P2/);
    const blank = call('VETO.CHECK', [[null]], [[95]], null) as { code: string }[][];
    expect(blank[0]![0]!.code).toBe('#N/A');
  });
});
