#!/usr/bin/env node
// `npm start`: builds the add-in, rebuilds it on every change (webpack watch), and serves the built
// dist/ folder on https://localhost:3000 as plain static files. There is deliberately no dev server
// with hot reload: classic Outlook loads dist/launchevent.js as a plain script and must get the
// file exactly as built. Stop with Ctrl-C.
//
// Options: --port N (default: package.json config.dev_server_port, else 3000), --http (skip the
// development certificates), --production (build in production mode).
const fs = require('fs');
const path = require('path');
const { serveDist } = require('./serve-dist');

const ROOT = path.resolve(__dirname, '..');
const DIST = path.join(ROOT, 'dist');
const DEFAULT_PORT = 3000;
// Creating and trusting the certificates can prompt or hang where there is no trust store.
const CERTIFICATE_TIMEOUT_MS = 30000;

function parseArgs(argv) {
  const portIndex = argv.indexOf('--port');
  const port = Number(
    portIndex >= 0 ? argv[portIndex + 1] : process.env.npm_package_config_dev_server_port || DEFAULT_PORT,
  );
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`--port: not a port number`);
  return {
    port,
    http: argv.includes('--http'),
    mode: argv.includes('--production') ? 'production' : 'development',
  };
}

function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** HTTPS options from office-addin-dev-certs, or null (plain http) with the reason printed. */
async function developmentCertificates() {
  try {
    const devCerts = require('office-addin-dev-certs');
    const options = await withTimeout(
      devCerts.getHttpsServerOptions(),
      CERTIFICATE_TIMEOUT_MS,
      'Installing certificates',
    );
    return { key: options.key, cert: options.cert, ca: options.ca };
  } catch (error) {
    console.warn(
      '\n  NOTE: could not install development certificates (' +
        String((error && error.message) || error).split('\n')[0] +
        ').\n  Serving plain HTTP instead. The playground works over HTTP; Outlook itself only loads\n' +
        '  add-ins over HTTPS, so sideload from a machine where `npx office-addin-dev-certs install` works.\n',
    );
    return null;
  }
}

/**
 * The development build's send handler fetches its policy from here. The playground page answers
 * that request from its policy editor; in Outlook the URL is a 404 and the built-in policy applies.
 */
const PLAYGROUND_POLICY_PATH = 'playground/policy.json';

async function loadWebpackConfig(mode) {
  const configPath = path.join(ROOT, 'webpack.config.js');
  if (!fs.existsSync(configPath)) throw new Error('webpack.config.js is missing');
  const exported = require(configPath);
  const env = { policy: PLAYGROUND_POLICY_PATH };
  const config = typeof exported === 'function' ? await exported(env, { mode }) : exported;
  return Array.isArray(config) ? config.map((c) => ({ ...c, mode })) : { ...config, mode };
}

/** Starts webpack in watch mode; resolves after the first build, reports every later one. */
function buildAndWatch(config) {
  const webpack = require('webpack');
  let first = true;
  return new Promise((resolve, reject) => {
    webpack(config).watch({ aggregateTimeout: 300, ignored: /node_modules|dist/ }, (error, stats) => {
      if (error) {
        if (first) reject(error);
        else console.error(error);
        return;
      }
      const failed = stats.hasErrors();
      if (failed) console.error(stats.toString({ all: false, errors: true, colors: true }));
      console.log(`  ${new Date().toLocaleTimeString()} build ${failed ? 'FAILED' : 'done'}`);
      if (first) {
        first = false;
        if (failed) reject(new Error('The first build failed; fix the errors above.'));
        else resolve();
      }
    });
  });
}

function printUrls(baseUrl, port) {
  const has = (name) => fs.existsSync(path.join(DIST, name));
  console.log('\n  SendWarden is running.\n');
  console.log(`  Playground:   ${baseUrl}playground/`);
  console.log(`  Task pane:    ${baseUrl}taskpane.html`);
  console.log(`  Manifest:     ${baseUrl}manifest.xml${has('manifest.xml') ? '' : ' (not built yet)'}`);
  const variants = [
    'manifest-block.xml',
    'manifest-promptuser.xml',
    'manifest.json',
    'manifest-itemsend.xml',
  ].filter(has);
  if (variants.length > 0)
    console.log(`  Also:         ${variants.join(', ')} (other send modes and manifest types)`);
  console.log(
    '\n  Sideload in Outlook on the web: Settings > Get Add-ins > My add-ins > Add a custom add-in >',
  );
  console.log('  Add from URL (the manifest URL above) or Add from file (dist/manifest.xml).');
  if (port !== DEFAULT_PORT || !baseUrl.startsWith('https:')) {
    console.log(
      `  The manifests point at https://localhost:${DEFAULT_PORT}/: Outlook needs that address over HTTPS.`,
    );
  }
  console.log('\n  Press Ctrl-C to stop.\n');
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const tls = options.http ? null : await developmentCertificates();
  console.log(`  Building (${options.mode})...`);
  await buildAndWatch(await loadWebpackConfig(options.mode));
  let server;
  try {
    server = await serveDist({ root: DIST, port: options.port, host: 'localhost', tls: tls || undefined });
  } catch (error) {
    if (error && error.code === 'EADDRINUSE') throw new Error(`port ${options.port} is in use; try --port N`);
    throw error;
  }
  printUrls(server.url, options.port);
  const stop = () => server.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error) => {
  console.error(`\n  npm start failed: ${(error && error.message) || error}\n`);
  process.exit(1);
});
