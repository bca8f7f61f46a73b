/**
 * gdal-async, loaded once, with a guard against a crash at process exit: if a
 * V8 incremental marking is still running when Node tears the isolate down,
 * V8 finalises it then and gdal-async's geometry destructors call back into
 * the dying isolate (SIGSEGV in ~Polygon → AdjustAmountOfExternalAllocatedMemory,
 * seen here in about one run in seven). A full collection on 'exit', while the
 * isolate is still whole, finishes any marking first. GDAL is told never to
 * use the network (forbid_network.ts).
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import gdal from 'gdal-async';
import { forbidNetwork } from './forbid_network.js';

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;
process.once('exit', () => collectGarbage());
forbidNetwork(gdal);

export default gdal;
