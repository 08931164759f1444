import { runCli } from './run-cli.ts';

/** `npm run ops -- <command>`: the operator CLI over the Step Functions API. */
const isTty = process.stderr.isTTY === true;
const exitCode = await runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(`${text}\n`),
  stderr: (text) => process.stderr.write(`${text}\n`),
  // The progress bar redraws one stderr line so that stdout stays clean for pipes.
  status: (text) => {
    if (isTty) process.stderr.write(`\r\x1b[2K${text}`);
  },
});
process.exitCode = exitCode;
