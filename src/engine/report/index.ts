/** Result sheets and documents built from a ranking (pure): 排名汇总, 部门排名, 得分明细, the JSON. */
export {
  buildOutputSheets,
  lineColumns,
  summaryHeaders,
  unitRowStyle,
  SUMMARY_HEADERS,
  DEPARTMENT_HEADERS,
  DETAIL_HEADERS,
} from './outputs';
export { rankingJson } from './json';
