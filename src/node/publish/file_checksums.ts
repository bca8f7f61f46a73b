/** SHA-256 of files, streamed so that a package of any size fits in memory. */
import { createHash } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';

export async function sha256OfFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export interface FileChecksum { path: string; bytes: number; sha256: string }

export async function checksumFile(folder: string, relativePath: string): Promise<FileChecksum> {
  const absolute = `${folder}/${relativePath}`;
  return { path: relativePath, bytes: statSync(absolute).size, sha256: await sha256OfFile(absolute) };
}

/** The `sha256sum -c` format: hash, two spaces, path. */
export function formatSha256Sums(files: FileChecksum[]): string {
  return files.map((file) => `${file.sha256}  ${file.path}\n`).join('');
}
