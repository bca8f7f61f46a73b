/**
 * `citygrid serve [--port N] [--workspace FILE]`: the app on the loopback
 * web host until Ctrl-C; the first stdout line is the URL, token included,
 * so that scripts and tests can read it.
 */
import { resolve } from 'node:path';
import { CityGridServices } from '../services/citygrid_services.js';
import { uiBuildDir } from '../schemas/repo_paths.js';
import { startWebHost } from '../web/web_host.js';
import { parseCommandArgs, UsageError } from './cli_args.js';
import type { Command } from './command.js';

export const serveCommand: Command = async (args) => {
  const { values } = parseCommandArgs(args, { port: { type: 'string' }, workspace: { type: 'string' } });
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('--port must be 0-65535');
  const services = new CityGridServices();
  if (values.workspace) await services.openWorkspace({ path: resolve(values.workspace) });
  const host = await startWebHost({ services, staticDir: uiBuildDir(), port });
  process.stdout.write(`${host.url}\n`);
  process.stderr.write('城市网格工作台 web host: open the URL above in a browser; Ctrl-C stops it.\n');
  await new Promise<void>((resolveStop) => {
    const stop = (): void => { resolveStop(); };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await host.close();
  await services.dispose();
  return 0;
};
