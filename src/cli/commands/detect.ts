import { readFileSync } from 'node:fs';
import { parseConfidence } from '../../core/detect/confidence';
import { scanText } from '../../core/detect/scan-text';
import type { Confidence, EntityId } from '../../core/types';
import { UsageError, readStream } from '../usage-error';

export const DETECT_USAGE =
  'usage: sendwarden detect [--min-confidence low|medium|high] [--summary] [FILE|-]';

interface DetectArgs {
  minConfidence: Confidence;
  summary: boolean;
  file: string;
}

function parseDetectArgs(args: readonly string[]): DetectArgs {
  const parsed: DetectArgs = { minConfidence: 'low', summary: false, file: '-' };
  let fileSeen = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--summary') parsed.summary = true;
    else if (arg === '--min-confidence' || arg.startsWith('--min-confidence=')) {
      const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : args[++i];
      const confidence = parseConfidence(value ?? '');
      if (!confidence)
        throw new UsageError(`--min-confidence takes low, medium or high, got ${String(value)}`);
      parsed.minConfidence = confidence;
    } else if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option ${arg}`);
    else if (fileSeen) throw new UsageError('detect takes one FILE');
    else {
      parsed.file = arg;
      fileSeen = true;
    }
  }
  return parsed;
}

async function readInput(file: string, stdin: NodeJS.ReadableStream): Promise<string> {
  if (file === '-') return readStream(stdin);
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as Error).message}`);
  }
}

type Summary = Partial<Record<EntityId, Record<Confidence, number>>>;

/** `sendwarden detect`: findings of one UTF-8 text as JSON lines, or a summary object. */
export async function detectCommand(
  args: readonly string[],
  io: { stdin: NodeJS.ReadableStream; stdout: NodeJS.WritableStream },
): Promise<number> {
  const options = parseDetectArgs(args);
  const text = await readInput(options.file, io.stdin);
  const { findings } = scanText(text, { minConfidence: options.minConfidence });
  if (options.summary) {
    const entities: Summary = {};
    for (const f of findings) {
      const tiers = entities[f.entity] ?? (entities[f.entity] = { high: 0, medium: 0, low: 0 });
      tiers[f.confidence]++;
    }
    io.stdout.write(JSON.stringify({ chars: text.length, entities }) + '\n');
    return 0;
  }
  // The contract's six fields, in its order (reasons stay out of the line format).
  const lines = findings.map(({ entity, start, end, confidence, score, preview }) =>
    JSON.stringify({ entity, start, end, confidence, score, preview }),
  );
  if (lines.length > 0) io.stdout.write(lines.join('\n') + '\n');
  return 0;
}
