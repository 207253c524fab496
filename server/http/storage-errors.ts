/**
 * Recognises failures of the storage under the database (disk full, I/O
 * errors, read-only or vanished files), so they are answered 503 and logged
 * with their cause instead of passing for a bug.
 */
const CODES = new Set(['ENOSPC', 'EDQUOT', 'EIO', 'EROFS', 'EACCES', 'EPERM', 'ENOENT', 'EMFILE', 'ENFILE']);
const MESSAGES = /IO Error|No space left on device|Disk quota exceeded|disk is full|Input\/output error|Read-only file system|Could not (?:write|read|open|truncate|fsync)/i;

/** The cause to log when `err` is a storage failure, else null. */
export function storageFailure(err: unknown): string | null {
  if (!err || typeof err !== 'object') return null;
  const e = err as { code?: unknown; message?: unknown; cause?: unknown };
  const code = typeof e.code === 'string' ? e.code : undefined;
  const message = typeof e.message === 'string' ? e.message : '';
  if ((code && CODES.has(code)) || MESSAGES.test(message)) return [code, message.split('\n')[0]].filter(Boolean).join(': ');
  return e.cause ? storageFailure(e.cause) : null;
}
