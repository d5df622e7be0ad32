// Types of metadataLocales.js (CommonJS, required by webpack.config.js).
export interface CfParameter {
  name: string;
  description?: string;
  type?: string;
  dimensionality?: string;
  optional?: boolean;
}
export interface CfFunction {
  id: string;
  name: string;
  description?: string;
  parameters: CfParameter[];
  result?: { type?: string; dimensionality?: string; description?: string };
  options?: Record<string, unknown>;
}
export interface CfMetadata {
  functions: CfFunction[];
  [key: string]: unknown;
}
export declare function localizeMetadata(metadata: CfMetadata, locale: 'zh-cn' | 'en-us'): CfMetadata;
export declare function splitBilingual(text: string, where: string): { zh: string; en: string };
