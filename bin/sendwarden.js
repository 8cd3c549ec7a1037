#!/usr/bin/env node
// The sendwarden CLI. lib/ is compiled from src/ by `npm ci` (the prepare script).
'use strict';
let main;
try {
  main = require('../lib/cli/main.js').main;
} catch (error) {
  process.stderr.write(
    'sendwarden: lib/ is missing; run `npm ci` or `npm run build:cli` first\n' + String(error) + '\n',
  );
  process.exit(2);
}
// `sendwarden scan ... | head` closes the pipe early: that is the reader's choice, not an error.
process.stdout.on('error', (error) => {
  if (error && error.code === 'EPIPE') process.exit(0);
  throw error;
});
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write('sendwarden: ' + (error && error.message ? error.message : String(error)) + '\n');
    process.exitCode = 1;
  },
);
