/** Argument parsing shared by the commands (node:util parseArgs, strict). */
import { parseArgs, type ParseArgsConfig } from 'node:util';

export type { ParseArgsConfig };

export class UsageError extends Error {}

type Options = NonNullable<ParseArgsConfig['options']>;

export function parseCommandArgs<O extends Options>(args: string[], options: O, allowPositionals = false): ReturnType<typeof parseArgs<{ args: string[]; options: O; allowPositionals: boolean; strict: true }>> {
  try {
    return parseArgs({ args, options, allowPositionals, strict: true });
  } catch (thrown) {
    throw new UsageError((thrown as Error).message);
  }
}

export function requireOption(value: string | boolean | undefined, name: string): string {
  if (typeof value !== 'string' || value === '') throw new UsageError(`--${name} is required`);
  return value;
}
