/**
 * A cached listing of HEAD's tree (path -> blob id), so unchanged snapshots are detected by hashing
 * the text in-process instead of asking git. On first use, or when HEAD moved behind our back, the
 * work tree is reset to HEAD (cheap when it already is: only differing files are written).
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { gitOk } from './git-exec.js';

export class TreeCache {
  readonly blobs = new Map<string, string>();
  head: string | null = null;
  /** False after a failed work-tree update: the next load resets the work tree. */
  synced = false;

  constructor(
    private readonly dir: string,
    private readonly hashAlgo: 'sha1' | 'sha256',
  ) {}

  async load(): Promise<string> {
    const head = (await gitOk(this.dir, ['rev-parse', '--verify', 'HEAD^{commit}'])).toString('utf8').trim();
    if (this.head === head && this.synced) return head;
    const out = await gitOk(this.dir, ['ls-tree', '-r', '-z', '--full-tree', head]);
    this.blobs.clear();
    for (const rec of out.toString('utf8').split('\0')) {
      const tab = rec.indexOf('\t');
      if (tab < 0) continue;
      const [, type, oid] = rec.slice(0, tab).split(' ');
      if (type === 'blob' && oid) this.blobs.set(rec.slice(tab + 1), oid);
    }
    await gitOk(this.dir, ['reset', '--quiet', '--hard', head]);
    this.head = head;
    this.synced = true;
    return head;
  }

  /** Previous text of a file: the work-tree copy when it hashes to the committed blob, else the blob itself. */
  async previousText(abs: string, oid: string): Promise<string> {
    try {
      const buf = await readFile(abs);
      if (this.blobId(buf) === oid) return buf.toString('utf8');
    } catch {
      /* fall through to the object database */
    }
    return (await gitOk(this.dir, ['cat-file', 'blob', oid])).toString('utf8');
  }

  blobId(data: Buffer): string {
    return createHash(this.hashAlgo).update(`blob ${data.length}\0`).update(data).digest('hex');
  }

  /** True when HEAD (as last loaded) holds exactly `text` at `path`; false when not loaded yet: no git call. */
  holds(path: string, text: string): boolean {
    if (this.head === null) return false;
    const oid = this.blobs.get(path);
    return oid !== undefined && oid === this.textId(text);
  }

  /** Blob id of a text as UTF-8, without materialising the bytes. */
  textId(text: string): string {
    return createHash(this.hashAlgo).update(`blob ${Buffer.byteLength(text, 'utf8')}\0`).update(text, 'utf8').digest('hex');
  }
}
