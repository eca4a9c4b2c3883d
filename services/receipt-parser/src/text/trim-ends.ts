/**
 * `text` without its leading characters that `start` matches and its trailing ones that `end`
 * matches, each tested on one code point. Linear where `^[...]+|[...]+$` is quadratic: on a long
 * run of such characters that stops short of the end, a regex tries the run from each position.
 */
export function trimEnds(text: string, start: RegExp, end: RegExp): string {
  const points = Array.from(text);
  let first = 0;
  while (first < points.length && start.test(points[first]!)) first++;
  let last = points.length;
  while (last > first && end.test(points[last - 1]!)) last--;
  return first === 0 && last === points.length ? text : points.slice(first, last).join('');
}
