// Builds the add-in once, in production mode, into test-output/e2e-dist for every e2e test.
const fs = require('fs');
const path = require('path');
const { ROOT, E2E_DIST, missingBrowserReason } = require('./e2e-paths');

function compile(configs) {
  const webpack = require('webpack');
  return new Promise((resolve, reject) => {
    webpack(configs, (error, stats) => {
      if (error) return reject(error);
      if (stats.hasErrors()) return reject(new Error(stats.toString({ all: false, errors: true })));
      resolve();
    });
  });
}

module.exports = async function globalSetup() {
  const missing = missingBrowserReason();
  if (missing && !process.env.CI) {
    // The tests report this loudly themselves; building would only cost time.
    return;
  }
  if (
    process.env.SENDWARDEN_E2E_REUSE_BUILD &&
    fs.existsSync(path.join(E2E_DIST, 'playground', 'index.html'))
  ) {
    // Iterating on the tests alone: keep the previous build (never set in CI).
    return;
  }
  // Like `npm start`: the handler fetches its policy from the URL the playground answers.
  const env = { policy: 'playground/policy.json' };
  const configs = require(path.join(ROOT, 'webpack.config.js'))(env, { mode: 'production' });
  fs.rmSync(E2E_DIST, { recursive: true, force: true });
  const cwd = process.cwd();
  process.chdir(ROOT);
  try {
    await compile(configs.map((config) => ({ ...config, output: { ...config.output, path: E2E_DIST } })));
  } finally {
    process.chdir(cwd);
  }
};
