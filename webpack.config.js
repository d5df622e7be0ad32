// Build of the Excel add-in: task pane, custom functions, ribbon commands, manifest.
//
//   npm run build                      production dist/ (office.js from Microsoft's CDN)
//   npm run workbench                  dev server: the workbench at http://localhost:3000/workbench.html
//
// Settings (webpack --env NAME=VALUE, or the environment variable):
//   officeJs  / OFFICE_JS_URL   where pages load office.js from:
//               cdn    https://appsforoffice.microsoft.com/lib/1/hosted/office.js (default for builds)
//               china  https://appsforoffice.cdn.partner.office365.cn/appsforoffice/lib/1/hosted/office.js
//                      (Office 365 operated by 21Vianet)
//               local  the copy in node_modules/@microsoft/office-js, copied to dist/office-js/
//                      (default for the dev server; the workbench and tests use it; Microsoft
//                      supports only the CDN inside real Office)
//               https://mirror.example/office.js   a bureau's own mirror (at its own risk)
//   url       / KAOHE_URL       where dist/ will be hosted; written into dist/manifest.xml.
//               Default https://kaohe.example.com/ (a placeholder: change it, or regenerate the
//               manifest later with node scripts/manifest.mjs --url ... --out dist/manifest.xml).
//   namespace / KAOHE_NAMESPACE single-namespace fallback, e.g. KH: users then type =KH.SCORE.PARTYLINE.
//   https     / KAOHE_HTTPS=1   dev server over HTTPS (Office itself only loads HTTPS pages).
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const webpack = require('webpack');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const CopyWebpackPlugin = require('copy-webpack-plugin');
const CustomFunctionsMetadataPlugin = require('custom-functions-metadata-plugin');
const manifestLib = require('./scripts/manifestLib.js');
const { localizeMetadata } = require('./src/functions/metadataLocales.js');
const pkg = require('./package.json');

const OFFICE_JS_CDN = {
  cdn: 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js',
  china: 'https://appsforoffice.cdn.partner.office365.cn/appsforoffice/lib/1/hosted/office.js',
};
const LOCAL_OFFICE_DIR = 'office-js';
const OFFICE_JS_PACKAGE = path.join(path.dirname(require.resolve('@microsoft/office-js/package.json')), 'dist');
const PLACEHOLDER_URL = 'https://kaohe.example.com/';
const DEV_PORT = 3000;

/** Resolves the office.js setting to the script URLs the pages use and the origin CSP must allow. */
function resolveOfficeJs(setting) {
  const s = String(setting).trim();
  if (s === 'local') {
    return { setting: 'local', officeJs: `${LOCAL_OFFICE_DIR}/office.js`, cfRuntime: `${LOCAL_OFFICE_DIR}/custom-functions-runtime.js`, origin: null };
  }
  const url = OFFICE_JS_CDN[s] ?? s;
  let u;
  try {
    u = new URL(url);
  } catch {
    throw new Error(`officeJs 应为 cdn、china、local 或 https 网址 / officeJs must be cdn, china, local or an https URL: ${s}`);
  }
  const isLocalHost = u.hostname === 'localhost' || u.hostname === '127.0.0.1';
  if (u.protocol !== 'https:' && !isLocalHost) throw new Error(`office.js 网址必须是 https / the office.js URL must be https: ${url}`);
  if (!u.pathname.endsWith('/office.js')) throw new Error(`office.js 网址应以 /office.js 结尾 / the URL must end in /office.js: ${url}`);
  return { setting: OFFICE_JS_CDN[s] ? s : 'url', officeJs: u.href, cfRuntime: new URL('custom-functions-runtime.js', u).href, origin: u.origin };
}

/** Content-Security-Policy of our pages: our own origin plus office.js's, nothing else. */
function contentSecurityPolicy(officeOrigin) {
  const office = officeOrigin ? ` ${officeOrigin}` : '';
  return [
    "default-src 'self'",
    `script-src 'self'${office}`,
    // Fluent UI (Griffel) inserts <style> elements at run time.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${office}`,
    "worker-src 'self' blob:",
    "frame-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join('; ');
}

/** Emits functions.zh-cn.json and functions.en-us.json beside the generated functions.json. */
class LocalizedMetadataPlugin {
  apply(compiler) {
    compiler.hooks.thisCompilation.tap('LocalizedMetadataPlugin', (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: 'LocalizedMetadataPlugin', stage: webpack.Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL },
        () => {
          const asset = compilation.getAsset('functions.json');
          if (!asset) {
            compilation.errors.push(new webpack.WebpackError('functions.json was not generated, so no localized metadata'));
            return;
          }
          try {
            const metadata = JSON.parse(asset.source.source().toString());
            for (const locale of ['zh-cn', 'en-us']) {
              const json = `${JSON.stringify(localizeMetadata(metadata, locale), null, 4)}\n`;
              compilation.emitAsset(`functions.${locale}.json`, new webpack.sources.RawSource(json));
            }
          } catch (e) {
            compilation.errors.push(new webpack.WebpackError(`functions.json localisation: ${e.message}`));
          }
        },
      );
    });
  }
}

/** Emits manifest.xml from manifest.template.xml and fails the build when our lint finds a problem. */
class ManifestPlugin {
  constructor(options) {
    this.options = options;
  }
  apply(compiler) {
    compiler.hooks.thisCompilation.tap('ManifestPlugin', (compilation) => {
      compilation.fileDependencies.add(manifestLib.TEMPLATE_PATH);
      compilation.hooks.processAssets.tap({ name: 'ManifestPlugin', stage: webpack.Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL }, () => {
        const { baseUrl, namespace, production } = this.options;
        try {
          const xml = manifestLib.renderManifest({ baseUrl, version: pkg.version, namespace });
          const problems = manifestLib.lintManifest(xml, { production, namespace });
          for (const p of problems) compilation.errors.push(new webpack.WebpackError(`manifest.xml: ${p}`));
          compilation.emitAsset('manifest.xml', new webpack.sources.RawSource(xml));
        } catch (e) {
          compilation.errors.push(new webpack.WebpackError(`manifest.xml: ${e.message}`));
        }
      });
    });
  }
}

module.exports = (env = {}, argv = {}) => {
  const dev = argv.mode === 'development';
  const serving = Boolean(env.WEBPACK_SERVE);
  const office = resolveOfficeJs(env.officeJs ?? process.env.OFFICE_JS_URL ?? (serving || dev ? 'local' : 'cdn'));
  const namespace = env.namespace ?? process.env.KAOHE_NAMESPACE ?? null;
  const https = Boolean(env.https ?? (process.env.KAOHE_HTTPS === '1'));
  const baseUrl = dev ? manifestLib.DEV_URL : (env.url ?? process.env.KAOHE_URL ?? PLACEHOLDER_URL);
  const csp = contentSecurityPolicy(office.origin);
  if (!dev && baseUrl === PLACEHOLDER_URL) {
    console.warn(
      `[kaohe] dist/manifest.xml 使用占位网址 ${PLACEHOLDER_URL}；部署前请运行 node scripts/manifest.mjs --url https://你的主机/路径/ --out dist/manifest.xml\n` +
        `[kaohe] dist/manifest.xml uses the placeholder ${PLACEHOLDER_URL}; before deploying run node scripts/manifest.mjs --url https://your-host/path/ --out dist/manifest.xml`,
    );
  }
  const page = (filename, template, chunk, title, extra = {}) =>
    new HtmlWebpackPlugin({
      filename,
      template,
      chunks: [chunk],
      inject: 'body',
      scriptLoading: 'blocking',
      minify: false,
      templateParameters: { title, officeJs: office.officeJs, cfRuntime: office.cfRuntime, csp, officeJsSetting: office.setting, ...extra },
    });
  const copies = [{ from: 'assets', to: 'assets' }];
  if (office.setting === 'local') {
    copies.push({
      from: OFFICE_JS_PACKAGE,
      to: LOCAL_OFFICE_DIR,
      globOptions: {
        ignore: ['**/*.debug.js', '**/*.d.ts', '**/*vsdoc*'],
      },
      filter: (file) => {
        const rel = path.relative(OFFICE_JS_PACKAGE, file).split(path.sep).join('/');
        return (
          /^(office|custom-functions-runtime|o15apptofilemappingtable)\.js$/.test(rel) ||
          /^excel-[^/]+\.js$/.test(rel) ||
          /^(en-us|zh-cn)\/office_strings\.js$/.test(rel) ||
          /^telemetry\/[^/]+\.js$/.test(rel)
        );
      },
    });
  }

  return {
    mode: dev ? 'development' : 'production',
    // No eval() in any mode: the pages' CSP forbids it.
    devtool: 'source-map',
    entry: {
      taskpane: './src/taskpane/index.tsx',
      functions: './src/functions/functions.ts',
      commands: './src/commands/commands.ts',
    },
    output: {
      path: path.resolve(__dirname, 'dist'),
      filename: '[name].js',
      // functions.js runs in Excel's JavaScript-only runtime (no window, no self) and in a bare vm.
      globalObject: 'globalThis',
      publicPath: '',
      clean: true,
    },
    target: ['web', 'es2017'],
    resolve: { extensions: ['.ts', '.tsx', '.js'] },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: 'ts-loader',
            // ES modules so webpack can tree-shake Fluent UI and split the lazy chunks (tsconfig says commonjs for jest).
            options: { transpileOnly: true, compilerOptions: { target: 'ES2017', module: 'ES2020', moduleResolution: 'node', sourceMap: true } },
          },
        },
      ],
    },
    performance: { hints: false },
    plugins: [
      new CustomFunctionsMetadataPlugin({ output: 'functions.json', input: './src/functions/functions.ts' }),
      new LocalizedMetadataPlugin(),
      new ManifestPlugin({ baseUrl, namespace, production: !dev }),
      // The pane loads office.js itself, only when Office opened it (see taskpane.html).
      page('taskpane.html', './src/taskpane/taskpane.html', 'taskpane', '目标考核助手 Kaohe', { kaohePage: 'office', officeJsUrl: office.officeJs }),
      // The workbench's own page: never loads office.js, so its CSP allows this site only.
      page('workbench.html', './src/taskpane/taskpane.html', 'taskpane', '目标考核助手 工作台 Kaohe workbench', {
        kaohePage: 'workbench',
        officeJsUrl: '',
        officeJsSetting: 'none',
        csp: contentSecurityPolicy(null),
      }),
      page('functions.html', './src/functions/functions.html', 'functions', 'Kaohe functions'),
      page('commands.html', './src/commands/commands.html', 'commands', 'Kaohe commands'),
      new CopyWebpackPlugin({ patterns: copies }),
    ],
    devServer: {
      host: 'localhost',
      port: DEV_PORT,
      server: https ? 'https' : 'http',
      static: false,
      hot: false,
      liveReload: true,
      client: { overlay: false },
      headers: { 'Cache-Control': 'no-store' },
      // http://localhost:3000/ (the address the dev server prints) opens the workbench.
      setupMiddlewares: (middlewares) => {
        middlewares.unshift({
          name: 'kaohe-workbench-home',
          middleware: (req, res, next) => {
            if (req.url !== '/') return next();
            res.writeHead(302, { Location: '/workbench.html' });
            res.end();
          },
        });
        return middlewares;
      },
    },
  };
};

module.exports.resolveOfficeJs = resolveOfficeJs;
module.exports.contentSecurityPolicy = contentSecurityPolicy;
module.exports.PLACEHOLDER_URL = PLACEHOLDER_URL;
