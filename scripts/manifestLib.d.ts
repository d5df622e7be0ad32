// Types of scripts/manifestLib.js (CommonJS, shared by webpack.config.js, scripts/manifest.mjs and tests).
export declare const ADDIN_ID: string;
export declare const DEV_URL: string;
export declare const FALLBACK_NAMESPACE: string;
export declare const TEMPLATE_PATH: string;
export declare const TOP_LEVEL_ORDER: readonly string[];
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
  line: number;
}
export declare function manifestVersion(pkgVersion: string): string;
export declare function normaliseBaseUrl(url: string): string;
export declare function renderManifest(options: {
  baseUrl: string;
  version: string;
  namespace?: string | null;
  template?: string;
}): string;
export declare function parseXml(xml: string): XmlElement;
export declare function lintManifest(
  xml: string,
  opts: { production: boolean; namespace?: string | null; distDir?: string; baseUrl?: string },
): string[];
