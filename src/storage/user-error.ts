// An error meant for the user: one line, already naming the file, shown without a stack trace.

/** A failure the user can act on (bad file, missing device, bad flag); `message` is one line. */
export class UserError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserError';
  }
}

/** Turns a Node file-system error into words: "no such file", "permission denied"... */
export function describeFsError(e: unknown): string {
  const code = typeof e === 'object' && e !== null && 'code' in e ? String((e as { code: unknown }).code) : '';
  switch (code) {
    case 'ENOENT': return 'no such file or directory';
    case 'EACCES':
    case 'EPERM': return 'permission denied';
    case 'EISDIR': return 'is a directory, not a file';
    case 'ENOTDIR': return 'a part of the path is not a directory';
    case 'ENOSPC': return 'the disk is full';
    case 'EROFS': return 'the file system is read-only';
    case 'EDQUOT': return 'the disk quota is exceeded';
    case 'EMFILE':
    case 'ENFILE': return 'too many open files';
    case 'EIO': return 'input/output error';
    case 'ENAMETOOLONG': return 'the file name is too long';
    default: return e instanceof Error ? e.message : String(e);
  }
}
