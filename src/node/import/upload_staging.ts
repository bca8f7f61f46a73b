/**
 * Files a browser hands the web host for import (drag-and-drop or the file
 * input: a browser cannot tell the host a path). Each upload is written,
 * streaming, into a private folder for this web-host session; the parts of
 * one shapefile share a batch folder so GDAL finds .dbf/.prj beside the .shp.
 *
 * One cap holds for everything staged together, uploads still arriving
 * included (each byte is counted as it arrives, so parallel uploads cannot
 * each take the whole allowance). A batch is removed only once nothing refers
 * to it: no upload is still writing into it, no request or job is reading it,
 * and an import from it has succeeded. The whole folder goes when the host stops.
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import type { Readable } from 'node:stream';
import { CityGridError } from '../../core/api/errors.js';
import type { UploadedFile } from '../../core/api/http_protocol.js';
import { safeFileName } from './safe_file_name.js';

interface Batch {
  /** Bytes of this batch's files, counted as they arrive. */
  bytes: number;
  /** Uploads writing and requests or jobs reading: the batch stays while any does. */
  references: number;
  /** An import from it succeeded: it may go once nothing refers to it. */
  imported: boolean;
}

const MIB = 1024 * 1024;

export class UploadStaging {
  private readonly root: string;
  private readonly batches = new Map<string, Batch>();
  private stagedBytes = 0;

  constructor(private readonly maxTotalBytes: number) {
    this.root = mkdtempSync(join(tmpdir(), 'citygrid-uploads-'));
  }

  /**
   * Streams `body` into the batch (a new one when `batch` is absent or gone)
   * as `name`. The size the request declares is reserved at once, before any
   * byte is read, so that uploads arriving together are answered in order and
   * exactly those that fit are taken; bytes beyond it count as they arrive.
   */
  async receive(body: Readable, name: string, batch: string | null, declaredBytes = 0): Promise<UploadedFile> {
    const fileName = safeFileName(name);
    if (this.stagedBytes + declaredBytes > this.maxTotalBytes) throw this.tooLarge(name);
    const batchId = batch && this.batches.has(batch) && !this.batches.get(batch)!.imported ? batch : this.newBatch();
    const state = this.batches.get(batchId)!;
    const path = join(this.root, batchId, fileName);
    let reserved = 0;
    const reserve = (bytes: number) => {
      reserved += bytes;
      state.bytes += bytes;
      this.stagedBytes += bytes;
    };
    reserve(declaredBytes);
    let size = 0;
    let overflowed = false;
    const counter = new Transform({
      transform: (chunk: Buffer, _encoding, done) => {
        const beyond = size + chunk.length - reserved;
        // Past the cap the rest is read and dropped, so the browser gets the 413 instead of a cut connection.
        if (overflowed || (beyond > 0 && this.stagedBytes + beyond > this.maxTotalBytes)) {
          overflowed = true;
          done();
          return;
        }
        if (beyond > 0) reserve(beyond);
        size += chunk.length;
        done(null, chunk);
      },
    });
    state.references += 1;
    try {
      await pipeline(body, counter, createWriteStream(path, { flags: 'wx' }));
      if (overflowed) throw this.tooLarge(name);
      reserve(size - reserved);
    } catch (thrown) {
      rmSync(path, { force: true });
      reserve(-reserved);
      if (thrown instanceof CityGridError) throw thrown;
      throw new CityGridError('FILE_UNREADABLE', `the upload broke off (${(thrown as Error).message})`, name);
    } finally {
      this.release(batchId);
    }
    return { path, batch: batchId, size };
  }

  /**
   * Keeps the batch holding `path` (if it is an upload) while a request or job
   * reads it; call the answer when done. `imported` marks that an import from
   * it succeeded, so that it can go.
   */
  hold(path: string): ((imported: boolean) => void) | null {
    const batchId = this.batchOf(path);
    if (!batchId) return null;
    this.batches.get(batchId)!.references += 1;
    let released = false;
    return (imported) => {
      if (released) return;
      released = true;
      if (imported) this.batches.get(batchId)!.imported = true;
      this.release(batchId);
    };
  }

  /** Bytes staged now, for tests and messages. */
  get totalBytes(): number {
    return this.stagedBytes;
  }

  /** Removes every uploaded file. */
  dispose(): void {
    rmSync(this.root, { recursive: true, force: true });
  }

  /** For tests: the batch folders present. */
  batchFolders(): string[] {
    return readdirSync(this.root);
  }

  private batchOf(path: string): string | null {
    const inside = relative(this.root, path);
    if (inside.startsWith('..') || inside === '' || !inside.includes(sep)) return null;
    const batchId = inside.split(sep)[0]!;
    return this.batches.has(batchId) ? batchId : null;
  }

  private release(batchId: string): void {
    const state = this.batches.get(batchId)!;
    state.references -= 1;
    if (state.references > 0 || !state.imported) return;
    rmSync(join(this.root, batchId), { recursive: true, force: true });
    this.stagedBytes -= state.bytes;
    this.batches.delete(batchId);
  }

  private newBatch(): string {
    const id = randomBytes(8).toString('hex');
    mkdirSync(join(this.root, id));
    this.batches.set(id, { bytes: 0, references: 0, imported: false });
    return id;
  }

  private tooLarge(name: string): CityGridError {
    const held = this.stagedBytes > 0 ? `; uploads not yet imported hold ${sizeText(this.stagedBytes)} of it` : '';
    return new CityGridError('FILE_TOO_LARGE', `the uploads staged for import may take ${sizeText(this.maxTotalBytes)} together${held}: import those first, or import this file by its path`, name);
  }
}

function sizeText(bytes: number): string {
  return bytes >= MIB ? `${(bytes / MIB).toFixed(bytes >= 100 * MIB ? 0 : 1)} MiB` : `${bytes} bytes`;
}
