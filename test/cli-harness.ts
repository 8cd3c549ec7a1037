import { PassThrough } from 'node:stream';
import { main } from '../src/cli/main';

/** Runs the CLI in-process with captured output, as a terminal would see it. */
export async function runCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const capture = () => {
    const stream = new PassThrough();
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
  };
  const out = capture();
  const err = capture();
  const io = { stdin: new PassThrough(), stdout: out.stream, stderr: err.stream };
  const code = await main(args, io as unknown as NonNullable<Parameters<typeof main>[1]>);
  return { code, stdout: out.text(), stderr: err.text() };
}

/** The JSON objects of output printed one per line. */
export function jsonLines<T = Record<string, unknown>>(output: string): T[] {
  return output
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as T);
}
