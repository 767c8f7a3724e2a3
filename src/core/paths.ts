/** Repository paths are POSIX and relative (`backend/app/main.py`): the folder part of one, '' at the root. */
export function dirOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}
