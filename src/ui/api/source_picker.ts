/**
 * Turns files the user dropped or chose into a path the services can open.
 * Under Electron the file is on this machine and the preload bridge tells its
 * path; in a browser the page cannot know paths, so the bytes are uploaded to
 * the web host, which stages them and answers with their path there. The
 * import dialog does not need to know which.
 */
import type { Result } from '../../core/api/contract.js';
import { TOKEN_HEADER, UPLOAD_PATH, type UploadedFile } from '../../core/api/http_protocol.js';

export interface PickedSource {
  /** Path on the service machine of the file to open (the .shp of a loose shapefile). */
  path: string;
  /** What the user picked, for messages. */
  name: string;
  /** True when `path` is a staged copy the user never saw: messages then name the file instead. */
  staged: boolean;
}

export interface SourcePicker {
  resolve(files: File[]): Promise<Result<PickedSource>>;
}

/** The file GDAL should open among those picked together: the .shp of a loose set, else the first. */
export function mainFile(files: File[]): File | null {
  return files.find((file) => /\.shp$/i.test(file.name)) ?? files[0] ?? null;
}

export function createUploadPicker(baseUrl: string, token: string): SourcePicker {
  const base = baseUrl.replace(/\/$/, '');
  return {
    async resolve(files) {
      const main = mainFile(files);
      if (!main) return { ok: false, error: { code: 'INVALID_REQUEST', message: 'no file chosen' } };
      // The main file last, so the answer's path is its own; the others share its batch folder.
      const ordered = [...files.filter((file) => file !== main), main];
      let batch: string | null = null;
      let last: UploadedFile | null = null;
      for (const file of ordered) {
        const query = new URLSearchParams({ name: file.name, ...(batch ? { batch } : {}) });
        let answer: Result<UploadedFile>;
        try {
          const response = await fetch(`${base}${UPLOAD_PATH}?${query}`, { method: 'POST', headers: { [TOKEN_HEADER]: token, 'Content-Type': 'application/octet-stream' }, body: file });
          answer = await response.json() as Result<UploadedFile>;
        } catch (thrown) {
          return { ok: false, error: { code: 'FILE_UNREADABLE', message: `upload failed: ${(thrown as Error).message}`, place: file.name } };
        }
        if (!answer.ok) return answer;
        batch = answer.value.batch;
        last = answer.value;
      }
      return { ok: true, value: { path: last!.path, name: main.name, staged: true } };
    },
  };
}

export function createBridgePicker(pathForFile: (file: File) => string): SourcePicker {
  return {
    async resolve(files) {
      const main = mainFile(files);
      if (!main) return { ok: false, error: { code: 'INVALID_REQUEST', message: 'no file chosen' } };
      const path = pathForFile(main);
      if (!path) return { ok: false, error: { code: 'FILE_NOT_FOUND', message: 'this file has no path on disk', place: main.name } };
      return { ok: true, value: { path, name: main.name, staged: false } };
    },
  };
}
