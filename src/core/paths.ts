/** Repository paths are POSIX and relative (`backend/app/main.py`): the folder part of one, '' at the root. */
export function dirOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

/** `dir` joined with a relative path, `.` and `..` resolved: `joinRepoPath('app/src', '../Dockerfile')` → `app/Dockerfile`. */
export function joinRepoPath(dir: string, rel: string): string {
  const parts = dir === '' ? [] : dir.split('/');
  for (const seg of rel.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') parts.pop();
    else parts.push(seg);
  }
  return parts.join('/');
}
