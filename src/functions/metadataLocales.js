// Post-processes the generated functions.json (custom-functions-metadata cannot localise) into one
// file per language. The JSDoc writes every description as "中文 / English" and starts a
// parameter's Chinese part with its Chinese name in 【…】. Only descriptions and parameter names
// change; ids and function names stay ASCII and identical in every file (localised names break
// formulas written through the API, office-js #891).
// CommonJS so webpack.config.js can require it; types in metadataLocales.d.ts.
'use strict';

const SEPARATOR = ' / ';
const CJK = /[\u3400-\u9fff]/;
const NAME = /^【([^】]+)】\s*/;

/** Splits "中文 / English" into its halves; throws naming `where` when the text is not like that. */
function splitBilingual(text, where) {
  const at = typeof text === 'string' ? text.indexOf(SEPARATOR) : -1;
  if (at < 0) throw new Error(`${where}: description must read "中文 / English": ${JSON.stringify(text)}`);
  const zh = text.slice(0, at).trim();
  const en = text.slice(at + SEPARATOR.length).trim();
  if (!CJK.test(zh)) throw new Error(`${where}: the part before " / " has no Chinese: ${JSON.stringify(zh)}`);
  if (!en || CJK.test(en.replace(/["“][^"”]*["”]/g, ''))) {
    throw new Error(`${where}: the part after " / " must be English: ${JSON.stringify(en)}`);
  }
  return { zh, en };
}

/**
 * @param {object} metadata parsed functions.json
 * @param {'zh-cn' | 'en-us'} locale
 * @returns {object} a new metadata object for that language
 */
function localizeMetadata(metadata, locale) {
  if (locale !== 'zh-cn' && locale !== 'en-us') throw new Error(`unknown locale ${locale}`);
  const zh = locale === 'zh-cn';
  const out = JSON.parse(JSON.stringify(metadata));
  for (const fn of out.functions) {
    const d = splitBilingual(fn.description, fn.id);
    fn.description = zh ? d.zh : d.en;
    for (const p of fn.parameters ?? []) {
      const pd = splitBilingual(p.description, `${fn.id}(${p.name})`);
      const m = NAME.exec(pd.zh);
      if (!m) throw new Error(`${fn.id}(${p.name}): the Chinese description must start with 【名称】`);
      p.description = zh ? pd.zh.slice(m[0].length) : pd.en;
      if (zh) p.name = m[1];
    }
    if (fn.result && typeof fn.result.description === 'string') {
      const rd = splitBilingual(fn.result.description, `${fn.id} result`);
      fn.result.description = zh ? rd.zh : rd.en;
    }
  }
  return out;
}

module.exports = { localizeMetadata, splitBilingual };
