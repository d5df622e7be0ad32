/** A fake workbook port and engine for the pane's component tests: in memory, records every call. */
import type { Finding, SheetSpec, WorkbookGrid } from '../../src/engine/ledger/types';
import type { RankedUnit, Ranking } from '../../src/engine/types';
import {
  checkReplace,
  planReplace,
  type CellRef,
  type PaneSettings,
  type WorkbookPort,
  type WriteOptions,
} from '../../src/excel/port';
import type { Assessment, PaneEngine, TemplateOptions } from '../../src/taskpane/paneEngine';

export class FakePort implements WorkbookPort {
  settingsPersist: 'document' | 'session' = 'document';
  /** Sheet name -> created by Kaohe? */
  readonly sheets = new Map<string, boolean>();
  readonly calls: string[] = [];
  readonly written: { specs: readonly SheetSpec[]; options: WriteOptions }[] = [];
  readonly selected: CellRef[] = [];
  highlighted: readonly CellRef[] = [];
  settings: PaneSettings | null = null;
  /** When set, the next call of that method rejects with it. */
  failNext: { method: keyof WorkbookPort; error: unknown } | null = null;

  private maybeFail(method: keyof WorkbookPort): void {
    this.calls.push(method);
    if (this.failNext?.method === method) {
      const { error } = this.failNext;
      this.failNext = null;
      throw error;
    }
  }

  async listSheets() {
    this.maybeFail('listSheets');
    return [...this.sheets.keys()];
  }
  async readSheets(names: readonly string[]): Promise<WorkbookGrid> {
    this.maybeFail('readSheets');
    return {
      sheets: names.filter((n) => this.sheets.has(n)).map((name) => ({ name, values: [] })),
    };
  }
  async writeSheets(specs: readonly SheetSpec[], options: WriteOptions) {
    this.maybeFail('writeSheets');
    // The same replace rule as every real port.
    const plan = planReplace(
      specs.map((s) => s.name),
      [...this.sheets.keys()],
      (name) => this.sheets.get(name) === true,
    );
    checkReplace(plan, options.replace);
    specs.forEach((spec, i) => {
      this.sheets.set(spec.name, true);
      options.onProgress?.((i + 1) / specs.length);
    });
    this.written.push({ specs, options });
  }
  async selectCell(ref: CellRef) {
    this.maybeFail('selectCell');
    this.selected.push(ref);
  }
  async highlightCells(refs: readonly CellRef[]) {
    this.maybeFail('highlightCells');
    this.highlighted = refs;
  }
  async clearHighlights() {
    this.maybeFail('clearHighlights');
    this.highlighted = [];
  }
  async loadSettings() {
    this.maybeFail('loadSettings');
    return this.settings;
  }
  async saveSettings(settings: PaneSettings) {
    this.maybeFail('saveSettings');
    this.settings = settings;
  }
}

export function unit(name: string, over: Partial<RankedUnit> = {}): RankedUnit {
  return {
    unit: name,
    unitClass: 1,
    party: 300,
    fp: 500,
    lines: { P: 300, F: 500 },
    bonus: 0,
    deduction: 0,
    total: 800,
    vetoed: false,
    vetoReasons: [],
    vetoReasonsEn: [],
    zeroReasons: [],
    zeroReasonsEn: [],
    explanation: [],
    problems: [],
    rank: { party: 1, fp: 1, total: 1, class: null },
    lineRanks: { P: over.rank?.party ?? 1, F: over.rank?.fp ?? 1 },
    flags: [],
    ...over,
  };
}

export const RANKING: Ranking = {
  units: [
    unit('城关镇', {
      total: 912.5,
      rank: { party: 1, fp: 1, total: 1, class: null },
      flags: ['一票优先'],
    }),
    unit('东山镇', {
      total: 900,
      rank: { party: 2, fp: 2, total: 2, class: null },
      flags: ['一票优先'],
    }),
    unit('西河镇', {
      total: 880,
      rank: { party: 3, fp: 3, total: 3, class: null },
      flags: ['一票优先'],
    }),
    unit('南岭街道', {
      total: 700,
      rank: { party: 4, fp: 4, total: 4, class: null },
      flags: ['黄牌警告'],
    }),
    unit('北湖镇', {
      total: null,
      party: null,
      fp: null,
      vetoed: true,
      vetoReasons: ['出生政策符合率 90.77% 低于目标 95%'],
      vetoReasonsEn: ['Birth-policy compliance 90.77 % below target 95 %'],
      rank: { party: null, fp: null, total: null, class: null },
    }),
  ],
  departments: [],
  flagNotice: null,
};

export const ERROR_FINDING: Finding = {
  severity: 'error',
  rule: 'score.above-points',
  sheet: '乡镇台账',
  cell: 'E7',
  code: 'P2',
  unit: '东山镇',
  zh: '乡镇台账!E7：P2 得分 25 超过满分 20',
  en: '乡镇台账!E7: P2 score 25 exceeds its 20 points',
};

export const WARNING_FINDING: Finding = {
  severity: 'warning',
  rule: 'outlier.mad',
  sheet: '乡镇台账',
  cell: 'H9',
  code: 'F3.3',
  unit: '西河镇',
  zh: '乡镇台账!H9：F3.3 与同类乡镇相差很大',
  en: '乡镇台账!H9: F3.3 is far from towns of the same class',
};

export const OUTPUT: SheetSpec[] = ['排名汇总', '部门排名', '得分明细'].map((name) => ({
  name,
  rows: [['x']],
  columns: [{ width: 10 }],
  freezeRows: 1,
}));

export class FakeEngine implements PaneEngine {
  readonly inputSheets = ['方案', '乡镇台账', '部门台账', '核查规则', '上轮台账'];
  /** Sheets a 方案 would add (set by a test); the pane must read them in a second pass. */
  extraSheets: string[] = [];
  assessment: Assessment = { findings: [WARNING_FINDING], ranking: RANKING, sheets: OUTPUT };
  readonly assessed: { grid: WorkbookGrid; options: unknown }[] = [];
  readonly templates: TemplateOptions[] = [];

  templateSheets(options: TemplateOptions): SheetSpec[] {
    this.templates.push(options);
    return ['方案', '乡镇台账', '部门台账', '核查规则'].map((name) => ({
      name,
      rows: [['代码']],
      columns: [{ width: 8 }],
      freezeRows: 1,
    }));
  }
  sheetsFor(_first: WorkbookGrid): string[] {
    return [...this.inputSheets, ...this.extraSheets];
  }
  assess(grid: WorkbookGrid, options: unknown): Assessment {
    this.assessed.push({ grid, options });
    return this.assessment;
  }
}
