#!/usr/bin/env node
/**
 * `citygrid`: the command line over the same services the desktop and web
 * hosts use, for admins and scripts. Exit codes: 0 done, 1 failed (the message
 * names the place and the reason), 2 wrong usage.
 */
import { CityGridError, toServiceError } from '../../core/api/errors.js';
import { UsageError } from './cli_args.js';
import { findCommand, usage } from './command_registry.js';

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage());
    return name ? 0 : 2;
  }
  const command = findCommand(name);
  if (!command) {
    process.stderr.write(`citygrid: unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  try {
    return await command.run(rest);
  } catch (thrown) {
    if (thrown instanceof UsageError) {
      process.stderr.write(`citygrid ${name}: ${thrown.message}\n\n${usage()}`);
      return 2;
    }
    const error = toServiceError(thrown);
    const place = thrown instanceof CityGridError && thrown.place ? '' : error.place ? `${error.place}: ` : '';
    process.stderr.write(`citygrid ${name}: 错误 error ${error.code}: ${place}${error.message}\n`);
    return 1;
  }
}

main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
