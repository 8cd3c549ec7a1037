// Shared by the jest config, the global setup and the tests.
const path = require('path');
const fs = require('fs');

const ROOT = path.resolve(__dirname, '..', '..');
/** The production build the tests serve: its own folder, so a running `npm start` is not disturbed. */
const E2E_DIST = path.join(ROOT, 'test-output', 'e2e-dist');
const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const E2E_TIMEOUT_MS = 90000;

/** Why the browser tests cannot run here, or null when they can. */
function missingBrowserReason() {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    return `no Chromium at ${CHROMIUM_PATH} (install Debian's: apt-get install -y chromium; or set CHROMIUM_PATH)`;
  }
  return null;
}

module.exports = { ROOT, E2E_DIST, CHROMIUM_PATH, E2E_TIMEOUT_MS, missingBrowserReason };
