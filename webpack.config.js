// Builds the add-in into one static folder (dist/) ready to host.
//
//   npm run build                                                   -> URLs stay https://localhost:3000/
//   npm run build -- --env url=https://addins.contoso.com/sendwarden/   -> every localhost URL rewritten
//   npm run build -- --env policy=https://addins.contoso.com/sendwarden/policy.json
//
// Two compilations:
// 1. "launchevent": dist/launchevent.js, the send-time handler. Classic Outlook on Windows runs it
//    in a JavaScript-only runtime: ONE self-contained script, no imports, no DOM, ES2016 syntax at
//    most (older builds). So every file, node_modules included, is lowered to es2016 by esbuild,
//    webpack's own runtime is told the environment has no ES2015+ features, and the dev server
//    never injects its client (devServer: false; `npm start` serves the built file as is).
//    This compilation also emits the static files: manifests (one per send mode), launchevent.html,
//    icons and the well-known CORS allow file.
// 2. "app": the task pane and playground pages (helper T adds entries to APP_ENTRIES / APP_PAGES).
const path = require('path');
const webpack = require('webpack');
const CopyWebpackPlugin = require('copy-webpack-plugin');
const { EsbuildPlugin } = require('esbuild-loader');

const DIST = path.resolve(__dirname, 'dist');
const DEV_URL = 'https://localhost:3000/';
const LAUNCHEVENT_TARGET = 'es2016';

/** XML manifest variants: one source (manifest.xml, SoftBlock), one file per send mode. */
const XML_SEND_MODES = {
  'manifest.xml': 'SoftBlock',
  'manifest-block.xml': 'Block',
  'manifest-promptuser.xml': 'PromptUser',
};
/** Unified manifest variants (sendMode values are camelCase there). */
const JSON_SEND_MODES = {
  'manifest.json': 'softBlock',
  'manifest-block.json': 'block',
  'manifest-promptuser.json': 'promptUser',
};

/** Task pane / playground entries and pages (compilation 2). Keep the launchevent out of here. */
const APP_ENTRIES = {
  taskpane: './src/taskpane/index.tsx',
  playground: './src/playground/index.tsx',
  // The pane scans attachments in this worker (no page includes it; the pane starts it by URL).
  'scan-worker': './src/taskpane/scan-worker.ts',
};
const HtmlWebpackPlugin = require('html-webpack-plugin');
const APP_PAGES = [
  new HtmlWebpackPlugin({
    filename: 'taskpane.html',
    template: './src/taskpane/taskpane.html',
    chunks: ['taskpane'],
  }),
  // The playground lives under /playground/ and loads ../playground.js and the built ../launchevent.js.
  new HtmlWebpackPlugin({
    filename: 'playground/index.html',
    template: './src/playground/playground.html',
    chunks: ['playground'],
    publicPath: '../',
  }),
];

/** The hosting URL from `--env url=...`: https, ends with a slash. */
function hostingUrl(env) {
  const url = (env && env.url) || DEV_URL;
  if (!/^https:\/\/[^/\s]+\//.test(url.endsWith('/') ? url : `${url}/`)) {
    throw new Error(`--env url must be an absolute https:// URL, got ${JSON.stringify(url)}`);
  }
  return url.endsWith('/') ? url : `${url}/`;
}

/** The policy JSON URL compiled into the handler; empty means the built-in DEFAULT_POLICY. */
function policyUrl(env, url) {
  const policy = (env && env.policy) || '';
  if (policy === '') return '';
  const absolute = new URL(policy, url).toString();
  if (!absolute.startsWith('https://')) throw new Error('--env policy must be an https:// URL');
  return absolute;
}

/** Full URLs first, then the bare origin (AppDomain) and host (unified validDomains). */
function rewriteUrls(text, url) {
  const target = new URL(url);
  const dev = new URL(DEV_URL);
  return text
    .split(DEV_URL)
    .join(url)
    .split(dev.origin)
    .join(target.origin)
    .split(`"${dev.host}"`)
    .join(JSON.stringify(target.host));
}

function manifestPatterns(url) {
  const xml = Object.entries(XML_SEND_MODES).map(([to, mode]) => ({
    from: 'manifest.xml',
    to,
    transform: (content) =>
      rewriteUrls(content.toString(), url).replace(/SendMode="SoftBlock"/g, `SendMode="${mode}"`),
  }));
  const json = Object.entries(JSON_SEND_MODES).map(([to, mode]) => ({
    from: 'manifest.json',
    to,
    transform: (content) =>
      rewriteUrls(content.toString(), url).replace(/"sendMode": "softBlock"/g, `"sendMode": "${mode}"`),
  }));
  const itemSend = {
    from: 'manifest-itemsend.xml',
    to: 'manifest-itemsend.xml',
    transform: (content) => rewriteUrls(content.toString(), url),
  };
  return [...xml, ...json, itemSend];
}

function staticFiles(url) {
  const allowed = { allowed: [`${url}launchevent.js`] };
  return new CopyWebpackPlugin({
    patterns: [
      ...manifestPatterns(url),
      { from: 'src/launchevent/launchevent.html', to: 'launchevent.html' },
      { from: 'assets/*.png', to: 'assets/[name][ext]' },
      {
        // Classic Outlook only lets launchevent.js make CORS requests (the policy fetch, audit
        // events) when the add-in's origin lists it here. It must end up at the ORIGIN root.
        from: 'manifest.xml',
        to: '.well-known/microsoft-officeaddins-allowed.json',
        transform: () => `${JSON.stringify(allowed, null, 2)}\n`,
      },
    ],
  });
}

function launcheventConfig(env, mode) {
  const url = hostingUrl(env);
  const esbuildRule = (test, loader, exclude) => ({
    test,
    exclude,
    loader: 'esbuild-loader',
    options: { loader, target: LAUNCHEVENT_TARGET },
  });
  return {
    name: 'launchevent',
    mode,
    target: ['web', LAUNCHEVENT_TARGET],
    entry: { launchevent: './src/launchevent/launchevent.ts' },
    output: {
      path: DIST,
      filename: '[name].js',
      publicPath: '',
      // esbuild's minifier wraps the file in an IIFE itself (format: 'iife'), which lets it drop
      // unused module-level code such as fflate's Worker helpers; webpack's own IIFE would hide it.
      iife: false,
      clean: false,
      environment: {
        arrowFunction: false,
        asyncFunction: false,
        bigIntLiteral: false,
        const: false,
        destructuring: false,
        dynamicImport: false,
        dynamicImportInWorker: false,
        forOf: false,
        globalThis: false,
        module: false,
        optionalChaining: false,
        templateLiteral: false,
      },
    },
    // Eval-based source maps (webpack's development default) would hide the real code from the
    // ES2016 check and from classic Outlook's debugger.
    devtool: mode === 'production' ? false : 'source-map',
    resolve: { extensions: ['.ts', '.js', '.mjs'] },
    module: {
      rules: [esbuildRule(/\.ts$/, 'ts', /node_modules/), esbuildRule(/\.m?js$/, 'js', undefined)],
    },
    optimization: {
      splitChunks: false,
      runtimeChunk: false,
      // Development builds the same single file as production (only source maps differ): the file
      // is served as built, and only the minifier wraps it and drops unused module code.
      minimize: true,
      usedExports: true,
      sideEffects: true,
      concatenateModules: true,
      minimizer: [
        new EsbuildPlugin({
          target: LAUNCHEVENT_TARGET,
          legalComments: 'none',
          format: 'iife',
          treeShaking: true,
        }),
      ],
    },
    plugins: [
      new webpack.optimize.LimitChunkCountPlugin({ maxChunks: 1 }),
      new webpack.DefinePlugin({
        __SENDWARDEN_POLICY_URL__: JSON.stringify(policyUrl(env, url)),
        __SENDWARDEN_BASE_URL__: JSON.stringify(url),
      }),
      staticFiles(url),
    ],
    performance: { hints: false },
    devServer: false,
  };
}

function appConfig(env, mode) {
  return {
    name: 'app',
    mode,
    entry: APP_ENTRIES,
    output: { path: DIST, filename: '[name].js', publicPath: '' },
    devtool: mode === 'production' ? false : 'source-map',
    resolve: { extensions: ['.ts', '.tsx', '.js', '.mjs'] },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          loader: 'esbuild-loader',
          options: { loader: 'tsx', target: 'es2020', jsx: 'automatic' },
        },
      ],
    },
    optimization: { minimizer: [new EsbuildPlugin({ target: 'es2020', legalComments: 'none' })] },
    plugins: [
      new webpack.DefinePlugin({
        __SENDWARDEN_POLICY_URL__: JSON.stringify(policyUrl(env, hostingUrl(env))),
        __SENDWARDEN_BASE_URL__: JSON.stringify(hostingUrl(env)),
      }),
      ...APP_PAGES,
    ],
    performance: { hints: false },
  };
}

module.exports = (env = {}, argv = {}) => {
  const mode = argv.mode || 'production';
  const configs = [launcheventConfig(env, mode)];
  if (Object.keys(APP_ENTRIES).length > 0) configs.push(appConfig(env, mode));
  return configs;
};

module.exports.DEV_URL = DEV_URL;
module.exports.XML_SEND_MODES = XML_SEND_MODES;
module.exports.JSON_SEND_MODES = JSON_SEND_MODES;
