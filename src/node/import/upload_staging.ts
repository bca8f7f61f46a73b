/**
 * Files a browser hands the web host for import (drag-and-drop or the file
 * input: a browser cannot tell the host a path). Each upload is written,
 * streaming, into a private folder for this web-host session; the parts of
 * one shapefile share a batch folder so GDAL finds .dbf/.prj beside the .shp.
 * Names are reduced to a plain file name, sizes are capped, only the last few
 * batches are kept, and the whole folder goes when the host stops.
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import type { Readable } from 'node:stream';
import { CityGridError } from '../../core/api/errors.js';
import type { UploadedFile } from '../../core/api/http_protocol.js';

const KEPT_BATCHES = 4;

export class UploadStaging {
  private readonly root: string;
  private readonly batches: string[] = [];

  constructor(private readonly maxBytes: number) {
    this.root = mkdtempSync(join(tmpdir(), 'citygrid-uploads-'));
  }

  /** Streams `body` into the batch (a new one when `batch` is absent or unknown) as `name`. */
  async receive(body: Readable, name: string, batch: string | null): Promise<UploadedFile> {
    const fileName = safeFileName(name);
    const batchId = batch && this.batches.includes(batch) ? batch : this.newBatch();
    const path = join(this.root, batchId, fileName);
    let size = 0;
    const limit = this.maxBytes;
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        size += chunk.length;
        if (size > limit) done(new CityGridError('FILE_TOO_LARGE', `larger than ${Math.round(limit / 1024 / 1024)} MiB; import it by its path instead`, name));
        else done(null, chunk);
      },
    });
    try {
      await pipeline(body, counter, createWriteStream(path, { flags: 'wx' }));
    } catch (thrown) {
      rmSync(path, { force: true });
      if (thrown instanceof CityGridError) throw thrown;
      throw new CityGridError('FILE_UNREADABLE', `the upload broke off (${(thrown as Error).message})`, name);
    }
    return { path, batch: batchId, size };
  }

  /** Removes every uploaded file. */
  dispose(): void {
    rmSync(this.root, { recursive: true, force: true });
  }

  private newBatch(): string {
    const id = randomBytes(8).toString('hex');
    mkdirSync(join(this.root, id));
    this.batches.push(id);
    // Older deliveries go: an import reads its source within the job that started from it.
    while (this.batches.length > KEPT_BATCHES) rmSync(join(this.root, this.batches.shift()!), { recursive: true, force: true });
    return id;
  }

  /** For tests: the batch folders present. */
  batchFolders(): string[] {
    return readdirSync(this.root);
  }
}

/** The last path segment only, without control characters; never `.`/`..` or empty. */
export function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = base.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  if (cleaned === '' || cleaned === '.' || cleaned === '..' || cleaned.length > 200) {
    throw new CityGridError('INVALID_REQUEST', `not a usable file name: ${JSON.stringify(name.slice(0, 80))}`);
  }
  return cleaned;
}
